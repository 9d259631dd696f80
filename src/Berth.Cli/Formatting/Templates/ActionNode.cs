namespace Berth.Cli.Formatting.Templates;

/// <summary>A non-control action ("{{.Name}}", "{{$x := 1}}"): its pipeline's value is printed unless it declares.</summary>
internal sealed class ActionNode(int pos, PipeNode pipe) : Node(pos)
{
    public PipeNode Pipe { get; } = pipe;

    public override string ToString() => "{{" + Pipe + "}}";
}
