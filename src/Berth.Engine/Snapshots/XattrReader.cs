using Berth.Engine.Native;
using System.Runtime.InteropServices;

namespace Berth.Engine.Snapshots;

/// <summary>
/// Reads every extended attribute of one file system object, without following symlinks, as raw
/// bytes: values such as security.capability and POSIX ACLs are binary.
/// </summary>
internal static unsafe class XattrReader
{
    private const int Attempts = 8;

    /// <summary>
    /// Appends the attributes of the object open as <paramref name="fd"/> (regular files, directories)
    /// to <paramref name="into"/>: names NUL-terminated, sorted bytewise so archives are reproducible.
    /// </summary>
    public static void ReadFd(int fd, List<(byte[] Name, byte[] Value)> into) => Read(fd, null, into);

    /// <summary>
    /// The same for <paramref name="name"/> in <paramref name="dirFd"/>, for kinds that cannot safely be
    /// opened (symlinks, devices, fifos). Without getxattrat (Linux 6.13) the name is reached through
    /// the directory fd's /proc link; the l* calls do not follow the final component, and the name is a
    /// single component read from the directory, so nothing outside it can be reached.
    /// </summary>
    public static void ReadAt(int dirFd, byte* name, List<(byte[] Name, byte[] Value)> into)
    {
        var path = ProcFdPath.Of(dirFd, name);
        fixed (byte* p = path)
            Read(-1, p, into);
    }

    private static void Read(int fd, byte* path, List<(byte[] Name, byte[] Value)> into)
    {
        var start = into.Count;
        var list = ListNames(fd, path);
        if (list.Length == 0)
            return;
        for (var offset = 0; offset < list.Length;)
        {
            var end = list.AsSpan(offset).IndexOf((byte)0);
            if (end <= 0)
                break;
            var name = list.AsSpan(offset, end + 1).ToArray(); // keeps the NUL
            offset += end + 1;
            var value = ReadValue(fd, path, name);
            if (value is not null)
                into.Add((name, value));
        }
        into.Sort(start, into.Count - start, NameComparer.Instance);
    }

    private static byte[] ListNames(int fd, byte* path)
    {
        for (var attempt = 0; ; attempt++)
        {
            var size = List(fd, path, null, 0);
            if (size < 0)
                return Libc.LastErrno == Libc.EOPNOTSUPP ? [] : throw Libc.Error("list extended attributes");
            if (size == 0)
                return [];
            var list = new byte[size];
            fixed (byte* l = list)
                size = List(fd, path, l, (nuint)list.Length);
            if (size >= 0)
                return list[..(int)size];
            // ERANGE: an attribute was added between the two calls; ask for the size again.
            if (Libc.LastErrno != Libc.ERANGE || attempt >= Attempts)
                throw Libc.Error("list extended attributes");
        }
    }

    /// <summary>The value, or null if the attribute was removed since it was listed.</summary>
    private static byte[]? ReadValue(int fd, byte* path, byte[] name)
    {
        fixed (byte* n = name)
        {
            for (var attempt = 0; ; attempt++)
            {
                var size = Get(fd, path, n, null, 0);
                if (size < 0)
                    return Libc.LastErrno == Libc.ENODATA ? null : throw Error(name);
                var value = new byte[size];
                fixed (byte* v = value)
                    size = Get(fd, path, n, v, (nuint)value.Length);
                if (size >= 0)
                    return value[..(int)size];
                if (Libc.LastErrno == Libc.ENODATA)
                    return null;
                // ERANGE: the value grew between the two calls.
                if (Libc.LastErrno != Libc.ERANGE || attempt >= Attempts)
                    throw Error(name);
            }
        }
    }

    private static nint List(int fd, byte* path, byte* buffer, nuint size) =>
        path is null ? Libc.FListXattr(fd, buffer, size) : Libc.LListXattr(path, buffer, size);

    private static nint Get(int fd, byte* path, byte* name, byte* buffer, nuint size) =>
        path is null ? Libc.FGetXattr(fd, name, buffer, size) : Libc.LGetXattr(path, name, buffer, size);

    private static IOException Error(byte[] name) =>
        Libc.Error($"read extended attribute {System.Text.Encoding.UTF8.GetString(name.AsSpan(0, name.Length - 1))}");

    private sealed class NameComparer : IComparer<(byte[] Name, byte[] Value)>
    {
        public static readonly NameComparer Instance = new();

        public int Compare((byte[] Name, byte[] Value) x, (byte[] Name, byte[] Value) y) =>
            x.Name.AsSpan().SequenceCompareTo(y.Name);
    }
}
