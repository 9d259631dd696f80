namespace Berth.Cli.Formatting.Templates;

/// <summary>Fields applied to a term other than dot or a variable: "(pipeline).A.B".</summary>
internal sealed class ChainNode(int pos, Node inner) : Node(pos)
{
    public Node Inner { get; } = inner;
    public List<string> Fields { get; } = [];

    public override string ToString()
    {
        var text = Inner is PipeNode ? "(" + Inner + ")" : Inner.ToString();
        foreach (var field in Fields)
            text += "." + field;
        return text;
    }
}
