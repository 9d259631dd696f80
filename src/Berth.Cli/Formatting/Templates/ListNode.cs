using System.Text;

namespace Berth.Cli.Formatting.Templates;

/// <summary>A sequence of nodes: a template body or a branch of a control structure.</summary>
internal sealed class ListNode(int pos) : Node(pos)
{
    public List<Node> Nodes { get; } = [];

    /// <summary>Go's IsEmptyTree: only white-space text (and nothing else) counts as empty.</summary>
    public bool IsEmpty => Nodes.All(n => n is TextNode text && string.IsNullOrWhiteSpace(text.Text) || n is ListNode { IsEmpty: true });

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var node in Nodes)
            sb.Append(node);
        return sb.ToString();
    }
}
