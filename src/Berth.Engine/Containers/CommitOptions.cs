using Berth.Engine.Images;
using Berth.Protocol.Containers;

namespace Berth.Engine.Containers;

/// <summary>What POST /commit asks for besides the container: tag, author, message, -c changes, a config to merge.</summary>
public sealed record CommitOptions(
    ImageReference? Tag,
    string? Author,
    string? Comment,
    IReadOnlyList<string> Changes,
    ContainerConfig? Config,
    bool Pause);
