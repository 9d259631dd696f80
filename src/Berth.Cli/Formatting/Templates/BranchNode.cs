namespace Berth.Cli.Formatting.Templates;

/// <summary>{{if}}, {{range}} or {{with}}, with its body and optional {{else}} branch.</summary>
internal sealed class BranchNode(int pos, BranchKind kind, PipeNode pipe, ListNode list, ListNode? elseList) : Node(pos)
{
    public BranchKind Kind { get; } = kind;
    public PipeNode Pipe { get; } = pipe;
    public ListNode List { get; } = list;
    public ListNode? ElseList { get; } = elseList;

    public override string ToString()
    {
        var name = Kind switch { BranchKind.If => "if", BranchKind.Range => "range", _ => "with" };
        var text = "{{" + name + " " + Pipe + "}}" + List;
        if (ElseList is not null)
            text += "{{else}}" + ElseList;
        return text + "{{end}}";
    }
}
