using System.Runtime.InteropServices;

namespace Berth.Engine.Native;

internal static partial class Libc
{
    public const ulong MS_RDONLY = 1;
    public const int MNT_DETACH = 2;

    [LibraryImport(Lib, EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MountNative(string source, string target, string fstype, ulong flags, string? data);

    [LibraryImport(Lib, EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Umount2Native(string target, int flags);

    public static void Mount(string source, string target, string fstype, ulong flags, string? data)
    {
        if (MountNative(source, target, fstype, flags, data) != 0) throw Error($"mount {fstype} on {target}");
    }

    /// <summary>Unmounts; a target that is not mounted (EINVAL) or gone (ENOENT) is not an error.</summary>
    public static void Unmount(string target, int flags = 0)
    {
        if (Umount2Native(target, flags) != 0 && LastErrno is not (EINVAL or ENOENT)) throw Error($"umount {target}");
    }
}
