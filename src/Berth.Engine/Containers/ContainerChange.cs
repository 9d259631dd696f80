namespace Berth.Engine.Containers;

/// <summary>One entry of `docker diff`: Docker's kinds are 0 modified, 1 added, 2 deleted.</summary>
public sealed record ContainerChange(string Path, ContainerChangeKind Kind);
