namespace Berth.Cli.Formatting.Templates;

/// <summary>A variable with optional fields: "$x.A" has Ident ["$x", "A"].</summary>
internal sealed class VariableNode(int pos, string text) : Node(pos)
{
    public string[] Ident { get; } = text.Split('.');

    public override string ToString() => string.Join(".", Ident);
}
