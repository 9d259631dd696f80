using Berth.Engine.Errors;
using Berth.Engine.Native;
using Microsoft.Win32.SafeHandles;
using System.Text;

namespace Berth.Engine.Snapshots;

/// <summary>
/// Walks a directory tree depth first, each directory's names in bytewise order, and writes every
/// object as a tar entry. Everything is reached relative to the fd of its parent with O_NOFOLLOW or
/// AT_SYMLINK_NOFOLLOW, so symlinks planted in the tree are archived as links and never followed.
/// overlayfs whiteouts become AUFS ones, as in Docker's archives.
/// </summary>
internal sealed class LayerTreePacker(LayerTarWriter writer)
{
    private static ReadOnlySpan<byte> WhiteoutPrefix => ".wh."u8;
    private static ReadOnlySpan<byte> OpaqueMarker => ".wh..wh..opq"u8;
    private static ReadOnlySpan<byte> OverlayPrefix => "trusted.overlay."u8;
    private static ReadOnlySpan<byte> OpaqueXattr => "trusted.overlay.opaque\0"u8;

    private const uint WhiteoutMode = 0b110_000_000; // 0600, what Docker gives every whiteout (no octal literals in C#)
    private const uint PermissionBits = 0b111_111_111; // 0777
    private const int OpenFileFlags = Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_NONBLOCK | Libc.O_CLOEXEC;
    private const int OpenDirectoryFlags = Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW | Libc.O_CLOEXEC;

    private readonly TarEntry _entry = new();
    // First path archived for each multiply linked inode; later paths become hard link entries to it.
    private readonly Dictionary<(ulong Dev, ulong Ino), byte[]> _firstPaths = [];
    private byte[] _path = new byte[256];
    private int _pathLength;
    private byte[] _scratch = new byte[256];

    /// <summary>Sum of the sizes of the regular files archived (hard links and whiteouts count 0).</summary>
    public long Size { get; private set; }

    /// <summary>Entries written, whiteout markers included (PAX headers are not entries).</summary>
    public int Entries { get; private set; }

    /// <summary>Archives everything below the directory open as <paramref name="dirFd"/>, not the directory itself.</summary>
    public async ValueTask PackChildrenAsync(int dirFd, CancellationToken ct)
    {
        List<byte[]> names;
        try
        {
            names = DirectoryListing.ReadSorted(dirFd);
        }
        catch (IOException ex)
        {
            throw Failure(ex);
        }
        var parentLength = _pathLength;
        foreach (var name in names)
        {
            ct.ThrowIfCancellationRequested();
            AppendComponent(name);
            await PackAsync(dirFd, name, ct).ConfigureAwait(false);
            _pathLength = parentLength;
        }
    }

    /// <summary>
    /// Archives the entry <paramref name="name"/> of the directory open as <paramref name="dirFd"/>
    /// (and, for a directory, everything below it) under <paramref name="archiveName"/> (both NUL-terminated).
    /// </summary>
    public async ValueTask PackEntryAsync(int dirFd, byte[] name, byte[] archiveName, CancellationToken ct)
    {
        var parentLength = _pathLength;
        AppendComponent(archiveName);
        await PackAsync(dirFd, name, ct).ConfigureAwait(false);
        _pathLength = parentLength;
    }

    private async ValueTask PackAsync(int dirFd, byte[] name, CancellationToken ct)
    {
        // Gone since the directory was listed (the container is still running): nothing to archive.
        if (!TryStatAt(dirFd, name, out var st))
            return;
        var type = st.Mode & Libc.S_IFMT;
        if (type == Libc.S_IFDIR)
        {
            await PackDirectoryAsync(dirFd, name, ct).ConfigureAwait(false);
            return;
        }
        // A 0/0 character device is an overlayfs whiteout. Since Linux 5.8 overlayfs hard links all
        // whiteouts to one inode, so they must not be taken for hard links of each other.
        if (type == Libc.S_IFCHR && st.Rdev == 0)
        {
            await WriteWhiteoutAsync(st, ct).ConfigureAwait(false);
            return;
        }
        if (type == Libc.S_IFSOCK)
            return; // a socket is only meaningful to a live process; tar has no type for it (Docker skips them too)
        if (st.Nlink > 1 && _firstPaths.TryGetValue((st.Dev, st.Ino), out var first))
        {
            await WriteHardLinkAsync(st, first, ct).ConfigureAwait(false);
            return;
        }

        if (type == Libc.S_IFREG)
        {
            await PackFileAsync(dirFd, name, ct).ConfigureAwait(false);
            return;
        }

        Describe(st, TarEntryKind.File);
        if (type == Libc.S_IFLNK)
        {
            _entry.Kind = TarEntryKind.Symlink;
            _entry.SetLinkName(ReadLink(dirFd, name));
        }
        else
        {
            _entry.Kind = type switch
            {
                Libc.S_IFCHR => TarEntryKind.CharDevice,
                Libc.S_IFBLK => TarEntryKind.BlockDevice,
                _ => TarEntryKind.Fifo,
            };
            _entry.DevMajor = Libc.Major(st.Rdev);
            _entry.DevMinor = Libc.Minor(st.Rdev);
        }
        ReadXattrsAt(dirFd, name);
        FilterXattrs();
        RememberLinks(st);
        await WriteAsync(ct).ConfigureAwait(false);
    }

    private async ValueTask PackDirectoryAsync(int dirFd, byte[] name, CancellationToken ct)
    {
        var fd = Open(dirFd, name, OpenDirectoryFlags);
        if (fd < 0)
            return;
        try
        {
            var st = StatFd(fd);
            Describe(st, TarEntryKind.Directory);
            ReadXattrs(fd);
            var opaque = FilterXattrs();
            AppendSlash();
            await WriteAsync(ct).ConfigureAwait(false);
            if (opaque)
            {
                // Docker's marker: the directory's owner and permissions, no time (the epoch).
                Describe(st, TarEntryKind.File);
                _entry.Mode = st.Mode & PermissionBits;
                _entry.MtimeSeconds = 0;
                _entry.SetName(Child(OpaqueMarker));
                await WriteAsync(ct).ConfigureAwait(false);
            }
            await PackChildrenAsync(fd, ct).ConfigureAwait(false);
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    private async ValueTask PackFileAsync(int dirFd, byte[] name, CancellationToken ct)
    {
        // O_NONBLOCK: should the name have been swapped for a fifo since the stat, open must not hang.
        var fd = Open(dirFd, name, OpenFileFlags);
        if (fd < 0)
            return;
        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        // The header describes the inode that was opened, so it matches the data that follows.
        var st = StatFd(fd);
        if ((st.Mode & Libc.S_IFMT) != Libc.S_IFREG)
            throw Failure(new IOException("changed while it was being archived", Libc.EINVAL));
        Describe(st, TarEntryKind.File);
        _entry.Size = st.Size;
        ReadXattrs(fd);
        FilterXattrs();
        RememberLinks(st);
        await WriteAsync(ct).ConfigureAwait(false);

        // Data past the size in the header is left out (a file still growing yields its first Size
        // bytes); a file that shrank cannot be archived consistently.
        long offset = 0;
        while (offset < st.Size)
        {
            var buffer = await writer.GetDataBufferAsync(ct).ConfigureAwait(false);
            var want = (int)Math.Min(buffer.Length, st.Size - offset);
            int read;
            try
            {
                read = RandomAccess.Read(handle, buffer.Span[..want], offset);
            }
            catch (IOException ex)
            {
                throw Failure(ex);
            }
            if (read == 0)
                throw Failure(new IOException("file shrank while it was being archived", Libc.EINVAL));
            writer.Advance(read);
            offset += read;
        }
        await writer.EndDataAsync(st.Size, ct).ConfigureAwait(false);
        Size += st.Size;
    }

    /// <summary>".wh.NAME", an empty regular file with mode 0600 and the device's owner and mtime, as Docker writes it.</summary>
    private ValueTask WriteWhiteoutAsync(in Libc.Stat st, CancellationToken ct)
    {
        Describe(st, TarEntryKind.File);
        _entry.Mode = WhiteoutMode;
        var slash = _path.AsSpan(0, _pathLength).LastIndexOf((byte)'/');
        var length = _pathLength + WhiteoutPrefix.Length;
        if (_scratch.Length < length)
            _scratch = new byte[length * 2];
        _path.AsSpan(0, slash + 1).CopyTo(_scratch);
        WhiteoutPrefix.CopyTo(_scratch.AsSpan(slash + 1));
        _path.AsSpan(slash + 1, _pathLength - slash - 1).CopyTo(_scratch.AsSpan(slash + 1 + WhiteoutPrefix.Length));
        _entry.SetName(_scratch.AsSpan(0, length));
        return WriteAsync(ct);
    }

    private ValueTask WriteHardLinkAsync(in Libc.Stat st, byte[] first, CancellationToken ct)
    {
        Describe(st, TarEntryKind.HardLink);
        _entry.SetLinkName(first);
        return WriteAsync(ct);
    }

    private async ValueTask WriteAsync(CancellationToken ct)
    {
        await writer.WriteHeaderAsync(_entry, ct).ConfigureAwait(false);
        Entries++;
    }

    /// <summary>Resets the entry to the current path with the object's owner, permissions and mtime.</summary>
    private void Describe(in Libc.Stat st, TarEntryKind kind)
    {
        _entry.Reset();
        _entry.Kind = kind;
        _entry.SetName(_path.AsSpan(0, _pathLength));
        _entry.Mode = st.Mode & 0xfff; // permissions with setuid, setgid and sticky
        _entry.Uid = st.Uid;
        _entry.Gid = st.Gid;
        // Whole seconds, as Docker archives: sub-second times would cost a PAX header on every entry.
        _entry.MtimeSeconds = st.MtimeSeconds;
    }

    private void RememberLinks(in Libc.Stat st)
    {
        if (st.Nlink > 1)
            _firstPaths.TryAdd((st.Dev, st.Ino), _path.AsSpan(0, _pathLength).ToArray());
    }

    /// <summary>
    /// Drops overlayfs's own attributes (opaque, origin, redirect ...) which describe this upper
    /// directory, not the layer, and names a PAX record cannot carry; returns whether the directory is opaque.
    /// </summary>
    private bool FilterXattrs()
    {
        var opaque = false;
        var xattrs = _entry.Xattrs;
        for (var i = xattrs.Count - 1; i >= 0; i--)
        {
            var (name, value) = xattrs[i];
            if (name.AsSpan().SequenceEqual(OpaqueXattr) && value.AsSpan().SequenceEqual("y"u8))
                opaque = true;
            if (name.AsSpan().StartsWith(OverlayPrefix) || name.AsSpan().Contains((byte)'='))
                xattrs.RemoveAt(i);
        }
        return opaque;
    }

    private void ReadXattrs(int fd)
    {
        try
        {
            XattrReader.ReadFd(fd, _entry.Xattrs);
        }
        catch (IOException ex)
        {
            throw Failure(ex);
        }
    }

    private unsafe void ReadXattrsAt(int dirFd, byte[] name)
    {
        try
        {
            fixed (byte* n = name)
                XattrReader.ReadAt(dirFd, n, _entry.Xattrs);
        }
        catch (IOException ex)
        {
            throw Failure(ex);
        }
    }

    /// <summary>lstat relative to the directory; false if the name disappeared since it was listed.</summary>
    private unsafe bool TryStatAt(int dirFd, byte[] name, out Libc.Stat st)
    {
        fixed (byte* n = name)
        fixed (Libc.Stat* s = &st)
        {
            if (Libc.FStatAt(dirFd, n, s, Libc.AT_SYMLINK_NOFOLLOW) == 0)
                return true;
            if (Libc.LastErrno == Libc.ENOENT)
                return false;
        }
        throw Failure("stat");
    }

    /// <summary>An owned fd, or -1 if the name disappeared since it was listed.</summary>
    private unsafe int Open(int dirFd, byte[] name, int flags)
    {
        fixed (byte* n = name)
        {
            var fd = Libc.OpenAt(dirFd, n, flags, 0);
            if (fd >= 0 || Libc.LastErrno == Libc.ENOENT)
                return fd;
            throw Failure("open");
        }
    }

    private unsafe Libc.Stat StatFd(int fd)
    {
        Libc.Stat st;
        fixed (byte* empty = "\0"u8)
            if (Libc.FStatAt(fd, empty, &st, Libc.AT_EMPTY_PATH) != 0)
                throw Failure("stat");
        return st;
    }

    private unsafe byte[] ReadLink(int dirFd, byte[] name)
    {
        fixed (byte* n = name)
        {
            for (var size = 4096; ; size *= 4)
            {
                var buffer = new byte[size];
                nint read;
                fixed (byte* b = buffer)
                    read = Libc.ReadLinkAt(dirFd, n, b, (nuint)size);
                if (read < 0)
                    throw Failure("readlink");
                if (read < size)
                    return buffer[..(int)read];
            }
        }
    }

    private void AppendComponent(byte[] name)
    {
        var length = name.Length - 1; // without the NUL
        Reserve(_pathLength + 1 + length + 1);
        if (_pathLength > 0)
            _path[_pathLength++] = (byte)'/';
        name.AsSpan(0, length).CopyTo(_path.AsSpan(_pathLength));
        _pathLength += length;
    }

    /// <summary>Directories are named with a trailing "/" in layers.</summary>
    private void AppendSlash()
    {
        Reserve(_pathLength + 1);
        _path[_pathLength] = (byte)'/';
        _entry.SetName(_path.AsSpan(0, _pathLength + 1));
    }

    /// <summary>The current path joined with <paramref name="child"/>.</summary>
    private ReadOnlySpan<byte> Child(ReadOnlySpan<byte> child)
    {
        Reserve(_pathLength + 1 + child.Length);
        _path[_pathLength] = (byte)'/';
        child.CopyTo(_path.AsSpan(_pathLength + 1));
        return _path.AsSpan(0, _pathLength + 1 + child.Length);
    }

    private void Reserve(int length)
    {
        if (_path.Length < length)
            Array.Resize(ref _path, Math.Max(length, _path.Length * 2));
    }

    private BerthException Failure(string what) => Failure(Libc.Error(what));

    private BerthException Failure(IOException ex) =>
        BerthException.System($"cannot pack layer entry \"{Encoding.UTF8.GetString(_path, 0, _pathLength)}\": {ex.Message}", ex);
}
