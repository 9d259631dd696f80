namespace Berth.Cli.Formatting.Templates;

/// <summary>A field chain on dot: ".A.B" has Ident ["A", "B"].</summary>
internal sealed class FieldNode(int pos, string text) : Node(pos)
{
    public string[] Ident { get; } = text[1..].Split('.');

    public override string ToString() => "." + string.Join(".", Ident);
}
