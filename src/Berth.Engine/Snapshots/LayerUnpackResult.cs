namespace Berth.Engine.Snapshots;
public sealed record LayerUnpackResult(long Size, int Entries);
