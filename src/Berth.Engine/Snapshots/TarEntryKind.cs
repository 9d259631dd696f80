namespace Berth.Engine.Snapshots;

/// <summary>The kinds of file system object a layer tar can describe (metadata headers are folded away).</summary>
internal enum TarEntryKind
{
    File,
    Directory,
    Symlink,
    HardLink,
    CharDevice,
    BlockDevice,
    Fifo,
}
