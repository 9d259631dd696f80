using Berth.Engine.Native;
using System.Runtime.InteropServices;

namespace Berth.Engine.Snapshots;

/// <summary>
/// Applies a tar header's owner, mode, extended attributes and mtime to a created entry. Order matters:
/// chown clears setuid/setgid and file capabilities, so mode and xattrs come after it, and times last.
/// </summary>
internal static unsafe class EntryMetadata
{
    private static ReadOnlySpan<byte> OverlayPrefix => "trusted.overlay."u8;

    /// <summary>Through an open fd (regular files, directories).</summary>
    public static void ApplyToFd(int fd, TarEntry entry, bool setTimes)
    {
        if (Libc.FChown(fd, entry.Uid, entry.Gid) != 0)
            throw Libc.Error($"chown {entry.DisplayName}");
        if (Libc.FChmod(fd, entry.Mode) != 0)
            throw Libc.Error($"chmod {entry.DisplayName}");
        foreach (var (name, value) in entry.Xattrs)
        {
            if (Skip(name))
                continue;
            fixed (byte* n = name, v = value)
            {
                if (Libc.FSetXattr(fd, n, v, (nuint)value.Length, 0) != 0)
                    FailUnlessUnsupported(entry, name);
            }
        }
        if (setTimes)
        {
            var times = stackalloc Libc.Timespec[2];
            Fill(times, entry);
            if (Libc.FUtimens(fd, times) != 0)
                throw Libc.Error($"set times of {entry.DisplayName}");
        }
    }

    /// <summary>
    /// By name in a directory fd without following the final component (symlinks, devices, fifos,
    /// which cannot safely be opened).
    /// </summary>
    public static void ApplyAt(int dirFd, byte* name, TarEntry entry, bool setMode)
    {
        if (Libc.FChownAt(dirFd, name, entry.Uid, entry.Gid, Libc.AT_SYMLINK_NOFOLLOW) != 0)
            throw Libc.Error($"chown {entry.DisplayName}");
        if (setMode && Libc.FChmodAt(dirFd, name, entry.Mode, Libc.AT_SYMLINK_NOFOLLOW) != 0)
            throw Libc.Error($"chmod {entry.DisplayName}");
        if (entry.Xattrs.Count > 0)
            SetXattrsAt(dirFd, name, entry);
        var times = stackalloc Libc.Timespec[2];
        Fill(times, entry);
        if (Libc.UtimensAt(dirFd, name, times, Libc.AT_SYMLINK_NOFOLLOW) != 0)
            throw Libc.Error($"set times of {entry.DisplayName}");
    }

    /// <summary>The mtime (used as atime too, as Docker does when the tar has no later atime).</summary>
    public static void Fill(Libc.Timespec* times, TarEntry entry) =>
        Fill(times, entry.MtimeSeconds, entry.MtimeNanoseconds);

    public static void Fill(Libc.Timespec* times, long seconds, long nanoseconds)
    {
        times[0].Seconds = times[1].Seconds = seconds;
        times[0].Nanoseconds = times[1].Nanoseconds = nanoseconds;
    }

    private static void SetXattrsAt(int dirFd, byte* name, TarEntry entry)
    {
        // There is no lsetxattrat before Linux 6.13, and these kinds cannot be opened without side
        // effects, so the name is reached through the directory fd's /proc link; lsetxattr does not
        // follow the final component.
        var path = ProcFdPath.Of(dirFd, name);

        fixed (byte* p = path)
        {
            foreach (var (xattr, value) in entry.Xattrs)
            {
                if (Skip(xattr))
                    continue;
                fixed (byte* n = xattr, v = value)
                {
                    if (Libc.LSetXattr(p, n, v, (nuint)value.Length, 0) != 0)
                        FailUnlessUnsupported(entry, xattr);
                }
            }
        }
    }

    // overlayfs metadata (opaque, redirect, metacopy) is ours to write from whiteouts; a layer that
    // carried it as raw xattrs could otherwise steer how the merged view is assembled.
    private static bool Skip(byte[] name) => name.AsSpan().StartsWith(OverlayPrefix);

    private static void FailUnlessUnsupported(TarEntry entry, byte[] name)
    {
        // Docker ignores these too: file systems without xattr support, and namespaces the kernel
        // refuses on some kinds of file (user.* on symlinks).
        if (Libc.LastErrno is Libc.EOPNOTSUPP or Libc.EPERM)
            return;
        throw Libc.Error($"setxattr {System.Text.Encoding.UTF8.GetString(name.AsSpan(0, name.Length - 1))} on {entry.DisplayName}");
    }
}
