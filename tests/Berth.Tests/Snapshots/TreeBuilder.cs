using Berth.Engine.Native;
using System.Text;

namespace Berth.Tests.Snapshots;

/// <summary>
/// Creates what the managed file APIs cannot: devices, fifos, hard links, owners and xattrs, with
/// raw byte names where a test needs names that are not valid UTF-8. Modes are octal strings.
/// </summary>
public static unsafe class TreeBuilder
{
    public static void File(string path, string content, string mode = "644", uint uid = 0, uint gid = 0, DateTimeOffset? mtime = null)
    {
        System.IO.File.WriteAllText(path, content);
        Chown(path, uid, gid); // before the mode: chown clears setuid and setgid
        System.IO.File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32(mode, 8));
        if (mtime is { } t)
            System.IO.File.SetLastWriteTimeUtc(path, t.UtcDateTime);
    }

    public static void Dir(string path, string mode = "755", uint uid = 0, uint gid = 0)
    {
        Directory.CreateDirectory(path);
        Chown(path, uid, gid);
        System.IO.File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32(mode, 8));
    }

    /// <summary>Directory mtimes change as children are added, so tests set them last.</summary>
    public static void DirTime(string path, DateTimeOffset mtime) => Directory.SetLastWriteTimeUtc(path, mtime.UtcDateTime);

    public static void Node(string path, uint type, uint major, uint minor, string mode = "0")
    {
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = bytes)
            if (Libc.MknodAt(Libc.AT_FDCWD, p, type | (uint)Convert.ToInt32(mode, 8), Libc.MakeDev(major, minor)) != 0)
                throw Libc.Error($"mknod {path}");
        // mknod applies the umask; the exact mode is what tests compare.
        if (type != Libc.S_IFCHR || major != 0 || minor != 0)
            System.IO.File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32(mode, 8));
    }

    /// <summary>An overlayfs whiteout: a 0/0 character device with no permissions, as overlayfs makes them.</summary>
    public static void Whiteout(string path, uint uid = 0, uint gid = 0)
    {
        Node(path, Libc.S_IFCHR, 0, 0);
        Chown(path, uid, gid);
    }

    public static void HardLink(string existing, string link)
    {
        var a = Encoding.UTF8.GetBytes(existing + "\0");
        var b = Encoding.UTF8.GetBytes(link + "\0");
        fixed (byte* pa = a, pb = b)
            if (Libc.LinkAt(Libc.AT_FDCWD, pa, Libc.AT_FDCWD, pb, 0) != 0)
                throw Libc.Error($"link {link}");
    }

    public static void Chown(string path, uint uid, uint gid)
    {
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = bytes)
            if (Libc.FChownAt(Libc.AT_FDCWD, p, uid, gid, Libc.AT_SYMLINK_NOFOLLOW) != 0)
                throw Libc.Error($"chown {path}");
    }

    public static void SetXattr(string path, string name, byte[] value) => SetXattr(Encoding.UTF8.GetBytes(path), name, value);

    public static void SetXattr(byte[] path, string name, byte[] value)
    {
        var p = path.Append((byte)0).ToArray();
        var n = Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* pp = p, np = n, vp = value)
            if (Libc.LSetXattr(pp, np, vp, (nuint)value.Length, 0) != 0)
                throw Libc.Error($"setxattr {name}");
    }

    /// <summary>A regular file whose name is raw bytes (possibly not UTF-8).</summary>
    public static void RawFile(byte[] path, string content)
    {
        var p = path.Append((byte)0).ToArray();
        fixed (byte* pp = p)
        {
            var fd = Libc.OpenAt(Libc.AT_FDCWD, pp, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_CLOEXEC, 0b110_100_100);
            if (fd < 0)
                throw Libc.Error("create");
            using var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
            RandomAccess.Write(handle, Encoding.UTF8.GetBytes(content), 0);
        }
    }
}
