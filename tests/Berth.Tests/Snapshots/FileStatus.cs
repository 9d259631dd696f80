using Berth.Engine.Native;
using System.Text;

namespace Berth.Tests.Snapshots;

/// <summary>lstat and lgetxattr for assertions: owners, device numbers and xattrs have no managed API.</summary>
public static unsafe class FileStatus
{
    public const uint TypeMask = Libc.S_IFMT;

    internal static Libc.Stat Lstat(string path)
    {
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        Libc.Stat st;
        fixed (byte* p = bytes)
            if (Libc.FStatAt(Libc.AT_FDCWD, p, &st, Libc.AT_SYMLINK_NOFOLLOW) != 0)
                throw Libc.Error($"lstat {path}");
        return st;
    }

    /// <summary>Permission bits as octal text ("4755"), since C# has no octal literals.</summary>
    public static string Mode(string path) => Convert.ToString(Lstat(path).Mode & 0xfff, 8);
    public static uint Type(string path) => Lstat(path).Mode & TypeMask;
    public static (uint Uid, uint Gid) Owner(string path) { var st = Lstat(path); return (st.Uid, st.Gid); }
    public static long MtimeSeconds(string path) => Lstat(path).MtimeSeconds;

    /// <summary>The raw xattr value, or null when it is not set.</summary>
    public static byte[]? Xattr(string path, string name)
    {
        var p = Encoding.UTF8.GetBytes(path + "\0");
        var n = Encoding.UTF8.GetBytes(name + "\0");
        var value = new byte[4096];
        fixed (byte* pp = p, np = n, vp = value)
        {
            var length = Libc.LGetXattr(pp, np, vp, (nuint)value.Length);
            return length < 0 ? null : value[..(int)length];
        }
    }
}
