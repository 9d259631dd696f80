using System.Runtime.InteropServices;

namespace Berth.Engine.Native;

internal static partial class Libc
{
    [LibraryImport(Lib, EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int StatNative(string path, byte* buf);

    /// <summary>st_dev of a path (x86_64 struct stat: st_dev is the first 8 bytes).</summary>
    public static unsafe ulong StatDevice(string path)
    {
        var buf = stackalloc byte[256];
        if (StatNative(path, buf) != 0) throw Error($"stat {path}");
        return *(ulong*)buf;
    }
}
