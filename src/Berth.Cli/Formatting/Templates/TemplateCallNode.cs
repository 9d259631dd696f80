using Berth.Protocol.Formatting;

namespace Berth.Cli.Formatting.Templates;

/// <summary>{{template "name" pipeline}} (also what {{block}} leaves in place).</summary>
internal sealed class TemplateCallNode(int pos, string name, PipeNode? pipe) : Node(pos)
{
    public string Name { get; } = name;
    public PipeNode? Pipe { get; } = pipe;

    public override string ToString() =>
        Pipe is null ? "{{template " + GoStrings.Quote(Name) + "}}" : "{{template " + GoStrings.Quote(Name) + " " + Pipe + "}}";
}
