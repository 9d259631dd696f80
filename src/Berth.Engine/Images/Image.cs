using Berth.Engine.Content;
using Berth.Protocol.Images;

namespace Berth.Engine.Images;

/// <summary>
/// A local image: its config (whose sha256 is the ID), the chain IDs of its layers and its size.
/// Immutable once registered; tags live in <see cref="ImageStore"/>.
/// </summary>
public sealed class Image
{
    public required Digest Id { get; init; }
    public required ImageConfigFile Config { get; init; }
    public required IReadOnlyList<Digest> ChainIds { get; init; }
    public Digest? ManifestDigest { get; init; }
    /// <summary>Sum of the unpacked sizes of the layers, as Docker reports it.</summary>
    public long Size { get; init; }
    public DateTimeOffset? LastTagTime { get; set; }

    public Digest? TopLayer => ChainIds.Count > 0 ? ChainIds[^1] : null;

    public DateTimeOffset Created => Config.Created ?? DateTimeOffset.UnixEpoch;
}
