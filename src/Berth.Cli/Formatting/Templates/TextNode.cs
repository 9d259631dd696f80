namespace Berth.Cli.Formatting.Templates;

/// <summary>Literal text between actions.</summary>
internal sealed class TextNode(int pos, string text) : Node(pos)
{
    public string Text { get; } = text;

    public override string ToString() => Text;
}
