namespace Berth.Cli.Formatting.Templates;

/// <summary>{{break}} or {{continue}} inside a {{range}}.</summary>
internal sealed class LoopControlNode(int pos, bool isBreak) : Node(pos)
{
    public bool IsBreak { get; } = isBreak;

    public override string ToString() => IsBreak ? "{{break}}" : "{{continue}}";
}
