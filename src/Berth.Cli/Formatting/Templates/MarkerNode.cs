namespace Berth.Cli.Formatting.Templates;

/// <summary>{{end}} or {{else}}: only seen by the parser, which folds them into control structures.</summary>
internal sealed class MarkerNode(int pos, bool isEnd) : Node(pos)
{
    public bool IsEnd { get; } = isEnd;

    public override string ToString() => IsEnd ? "{{end}}" : "{{else}}";
}
