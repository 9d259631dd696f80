namespace Berth.Engine.Snapshots;

/// <summary>
/// What unpacking a layer produced. <paramref name="Size"/> is the sum of regular file sizes, the number
/// Docker reports as a layer's size; <paramref name="Entries"/> counts the tar's entries (files,
/// directories, links, devices and whiteout markers; PAX and GNU metadata headers are not entries).
/// </summary>
public sealed record LayerUnpackResult(long Size, int Entries);
