namespace Berth.Cli.Formatting.Templates;

/// <summary>
/// A parse-tree node. Pos is a char index into the template text (errors report line and byte column
/// from it); ToString renders the node the way Go's parse package does, for error contexts.
/// </summary>
internal abstract class Node(int pos)
{
    public int Pos { get; } = pos;

    public abstract override string ToString();
}
