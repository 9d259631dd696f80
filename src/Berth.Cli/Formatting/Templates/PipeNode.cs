using System.Text;

namespace Berth.Cli.Formatting.Templates;

/// <summary>A pipeline: optional variable declarations (":=") or assignments ("="), then commands joined by '|'.</summary>
internal sealed class PipeNode(int pos) : Node(pos)
{
    public bool IsAssign { get; set; }
    public List<VariableNode> Decl { get; } = [];
    public List<CommandNode> Cmds { get; } = [];

    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Decl.Count > 0)
        {
            sb.Append(string.Join(", ", Decl));
            sb.Append(IsAssign ? " = " : " := ");
        }
        sb.Append(string.Join(" | ", Cmds));
        return sb.ToString();
    }
}
