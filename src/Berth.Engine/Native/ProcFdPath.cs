using System.Runtime.InteropServices;

namespace Berth.Engine.Native;

/// <summary>
/// "/proc/self/fd/&lt;dirfd&gt;/&lt;name&gt;\0": how an l*xattr call reaches a single entry of a directory
/// held open by fd, for kinds that cannot be opened safely (symlinks, devices, fifos), before the
/// *xattrat calls of Linux 6.13. The l* calls do not follow the final component.
/// </summary>
internal static unsafe class ProcFdPath
{
    public static byte[] Of(int dirFd, byte* name)
    {
        var baseName = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name);
        var prefix = "/proc/self/fd/"u8;
        var path = new byte[prefix.Length + 11 + 1 + baseName.Length + 1];
        prefix.CopyTo(path);
        dirFd.TryFormat(path.AsSpan(prefix.Length), out var digits);
        var at = prefix.Length + digits;
        path[at++] = (byte)'/';
        baseName.CopyTo(path.AsSpan(at));
        path[at + baseName.Length] = 0;
        return path;
    }
}
