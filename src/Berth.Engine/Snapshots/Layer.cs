using Berth.Engine.Content;

namespace Berth.Engine.Snapshots;

/// <summary>
/// One unpacked, read-only layer, keyed by its chain ID (so the same diff on a different parent is a
/// different snapshot, and the same stack of diffs is shared between images).
/// </summary>
public sealed record Layer(
    Digest ChainId,
    Digest DiffId,
    Digest? Parent,
    Digest BlobDigest,
    string BlobMediaType,
    long BlobSize,
    long Size,
    string Link);
