namespace Berth.Engine.Containers;

/// <summary>The numbers Docker's API uses for a change's kind.</summary>
public enum ContainerChangeKind
{
    Modified = 0,
    Added = 1,
    Deleted = 2,
}
