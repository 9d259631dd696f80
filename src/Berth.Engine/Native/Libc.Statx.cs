using System.Runtime.InteropServices;

namespace Berth.Engine.Native;

internal static partial class Libc
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;


    /// <summary>The fields of struct statx the engine uses (lstat semantics: links are not followed).</summary>
    public readonly record struct StatxInfo(uint Mode, uint Uid, uint Gid, uint RdevMajor, uint RdevMinor);

    [LibraryImport(Lib, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int StatxRaw(int dirfd, string path, int flags, uint mask, byte* buf);

    /// <summary>
    /// statx(2) rather than stat(2) because struct statx has one layout on every architecture, while
    /// struct stat differs between x86_64 and arm64.
    /// </summary>
    public static unsafe StatxInfo Lstat(string path)
    {
        var buf = stackalloc byte[256];
        if (StatxRaw(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, buf) != 0)
            throw Error($"lstat {path}");
        return new StatxInfo(
            Mode: *(ushort*)(buf + 28),
            Uid: *(uint*)(buf + 20),
            Gid: *(uint*)(buf + 24),
            RdevMajor: *(uint*)(buf + 128),
            RdevMinor: *(uint*)(buf + 132));
    }
}
