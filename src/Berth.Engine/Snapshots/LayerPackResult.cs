namespace Berth.Engine.Snapshots;

/// <summary>
/// What packing a layer produced, counted as <see cref="LayerUnpackResult"/> counts: <paramref name="Size"/>
/// is the sum of regular file sizes (the number Docker reports as a layer's size, not the tar's length),
/// <paramref name="Entries"/> the tar's entries including whiteout markers (PAX headers are not entries).
/// </summary>
public sealed record LayerPackResult(long Size, int Entries);
