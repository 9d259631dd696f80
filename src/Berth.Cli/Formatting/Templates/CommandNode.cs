using System.Text;

namespace Berth.Cli.Formatting.Templates;

/// <summary>One stage of a pipeline: an operand followed by its arguments.</summary>
internal sealed class CommandNode(int pos) : Node(pos)
{
    public List<Node> Args { get; } = [];

    public override string ToString()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < Args.Count; i++)
        {
            if (i > 0)
                sb.Append(' ');
            if (Args[i] is PipeNode pipe)
                sb.Append('(').Append(pipe).Append(')');
            else
                sb.Append(Args[i]);
        }
        return sb.ToString();
    }
}
