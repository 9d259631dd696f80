using System.Runtime.InteropServices;

namespace Berth.Engine.Native;

internal static partial class Libc
{
    /// <summary>statfs(2) f_type of a cgroup v2 (unified) mount.</summary>
    public const long Cgroup2SuperMagic = 0x63677270;

    [LibraryImport(Lib, EntryPoint = "statfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int StatfsRaw(string path, byte* buf);

    /// <summary>
    /// The filesystem magic (f_type) of the mount holding <paramref name="path"/>. f_type is the first
    /// field of struct statfs and a native long on every 64-bit Linux ABI, so only that is read; the
    /// buffer is larger than the struct on any architecture.
    /// </summary>
    public static unsafe long FileSystemType(string path)
    {
        var buf = stackalloc byte[512];
        if (StatfsRaw(path, buf) != 0)
            throw Error($"statfs {path}");
        return IntPtr.Size == 8 ? *(long*)buf : *(int*)buf;
    }
}
