using Berth.Engine.Errors;
using Berth.Engine.Native;
using Microsoft.Win32.SafeHandles;

namespace Berth.Engine.Snapshots;

/// <summary>
/// Creates each tar entry on disk relative to its parent directory fd, which was resolved inside the
/// layer root, so no entry can land outside it. A later entry replaces an earlier one at the same
/// path, except that a directory over a directory merges. AUFS whiteouts become overlayfs ones.
/// </summary>
internal sealed class LayerEntryWriter(ConfinedDirectory root, LayerTarReader reader, ArchiveExtractMode mode = ArchiveExtractMode.Layer, bool ownByRoot = false)
{
    private static ReadOnlySpan<byte> WhiteoutPrefix => ".wh."u8;
    private static ReadOnlySpan<byte> WhiteoutMetaPrefix => ".wh..wh."u8;
    private static ReadOnlySpan<byte> OpaqueMarker => ".wh..wh..opq"u8;
    private static ReadOnlySpan<byte> OpaqueXattr => "trusted.overlay.opaque\0"u8;

    // Owner-only until the header's mode is applied after the content is in place (C# has no octal literals).
    private const uint PrivateFileMode = 0b110_000_000; // 0600
    private const uint PrivateDirectoryMode = 0b111_000_000; // 0700

    private const int CreateFlags = Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_NOFOLLOW | Libc.O_CLOEXEC;

    // Directory mtimes are set after everything else, since creating children would bump them.
    private readonly List<(byte[] Path, long Seconds, long Nanoseconds)> _directoryTimes = [];
    private byte[] _path = new byte[256];
    private byte[] _link = new byte[256];

    public async ValueTask WriteAsync(TarEntry entry, CancellationToken ct)
    {
        if (ownByRoot)
            entry.Uid = entry.Gid = 0;
        var length = TarPath.Clean(entry.Name, ref _path);
        if (length < 0)
            throw BerthException.Invalid($"invalid tar entry \"{entry.DisplayName}\": path escapes the layer root");
        if (length == 0)
        {
            WriteRoot(entry);
            return;
        }

        var slash = _path.AsSpan(0, length).LastIndexOf((byte)'/');
        var baseStart = slash + 1;
        var baseName = _path.AsSpan(baseStart, length - baseStart);
        // AUFS kept its own bookkeeping under top-level .wh..wh.* directories; it is not layer content.
        if (slash >= 0 && _path.AsSpan(0, _path.AsSpan(0, length).IndexOf((byte)'/')).StartsWith(WhiteoutMetaPrefix))
            return;
        if (slash >= 0)
            _path[slash] = 0; // splits the buffer into NUL-terminated parent and base name

        if (baseName.StartsWith(WhiteoutPrefix) && mode == ArchiveExtractMode.Layer)
        {
            WriteWhiteout(entry, slash, baseStart, length);
            return;
        }

        var dirFd = root.OpenDirectory(_path, Math.Max(slash, 0));
        if (mode == ArchiveExtractMode.CopyNoOverwriteDirNonDir)
            RefuseDirNonDirSwap(entry, dirFd, baseStart);
        switch (entry.Kind)
        {
            case TarEntryKind.File:
                await WriteFileAsync(entry, dirFd, baseStart, ct).ConfigureAwait(false);
                break;
            case TarEntryKind.Directory:
                WriteDirectory(entry, dirFd, slash, baseStart, length);
                break;
            case TarEntryKind.Symlink:
                WriteSymlink(entry, dirFd, baseStart);
                break;
            case TarEntryKind.HardLink:
                WriteHardLink(entry, dirFd, slash, baseStart);
                break;
            default:
                WriteNode(entry, dirFd, baseStart);
                break;
        }
    }

    /// <summary>docker cp's default: an existing directory is never replaced by a non-directory, nor the reverse.</summary>
    private unsafe void RefuseDirNonDirSwap(TarEntry entry, int dirFd, int baseStart)
    {
        Libc.Stat st;
        fixed (byte* name = &_path[baseStart])
            if (Libc.FStatAt(dirFd, name, &st, Libc.AT_SYMLINK_NOFOLLOW) != 0)
                return;
        var existingIsDir = (st.Mode & Libc.S_IFMT) == Libc.S_IFDIR;
        if (existingIsDir && entry.Kind != TarEntryKind.Directory)
            throw BerthException.Invalid($"cannot overwrite directory \"{entry.DisplayName.TrimEnd('/')}\" with non-directory");
        if (!existingIsDir && entry.Kind == TarEntryKind.Directory)
            throw BerthException.Invalid($"cannot overwrite non-directory \"{entry.DisplayName.TrimEnd('/')}\" with directory");
    }

    /// <summary>Sets the deferred directory mtimes; a directory replaced since is skipped.</summary>
    public unsafe void ApplyDirectoryTimes()
    {
        var times = stackalloc Libc.Timespec[2];
        foreach (var (path, seconds, nanoseconds) in _directoryTimes)
        {
            EntryMetadata.Fill(times, seconds, nanoseconds);
            var isRoot = path.Length == 1;
            int fd;
            fixed (byte* p = path)
                fd = isRoot ? root.RootFd : root.Resolve(p, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW);
            if (fd < 0)
                continue;
            var failed = Libc.FUtimens(fd, times) != 0;
            var error = failed ? Libc.Error($"set times of {DisplayPath(path)}") : null;
            if (!isRoot)
                Libc.Close(fd);
            if (error is not null)
                throw error;
        }
    }

    private void WriteRoot(TarEntry entry)
    {
        // "./" entries describe the layer root itself; only its metadata can change.
        if (entry.Kind != TarEntryKind.Directory)
            throw BerthException.Invalid($"invalid tar entry \"{entry.DisplayName}\": cannot replace the layer root");
        EntryMetadata.ApplyToFd(root.RootFd, entry, setTimes: false);
        _directoryTimes.Add(([0], entry.MtimeSeconds, entry.MtimeNanoseconds));
    }

    private async ValueTask WriteFileAsync(TarEntry entry, int dirFd, int baseStart, CancellationToken ct)
    {
        var fd = CreateFile(entry, dirFd, baseStart);
        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        long offset = 0;
        while (true)
        {
            var chunk = await reader.ReadDataAsync(ct).ConfigureAwait(false);
            if (chunk.IsEmpty)
                break;
            RandomAccess.Write(handle, chunk.Span, offset);
            offset += chunk.Length;
        }
        EntryMetadata.ApplyToFd(fd, entry, setTimes: true);
    }

    private unsafe int CreateFile(TarEntry entry, int dirFd, int baseStart)
    {
        fixed (byte* p = _path)
        {
            var name = p + baseStart;
            var fd = Libc.OpenAt(dirFd, name, CreateFlags, PrivateFileMode);
            if (fd < 0 && Libc.LastErrno == Libc.EEXIST)
            {
                RemoveExisting(dirFd, name);
                fd = Libc.OpenAt(dirFd, name, CreateFlags, PrivateFileMode);
            }
            return fd >= 0 ? fd : throw Libc.Error($"create {entry.DisplayName}");
        }
    }

    private unsafe void WriteDirectory(TarEntry entry, int dirFd, int slash, int baseStart, int length)
    {
        fixed (byte* p = _path)
        {
            var name = p + baseStart;
            if (Libc.MkdirAt(dirFd, name, PrivateDirectoryMode) != 0)
            {
                if (Libc.LastErrno != Libc.EEXIST)
                    throw Libc.Error($"mkdir {entry.DisplayName}");
                Libc.Stat st;
                if (Libc.FStatAt(dirFd, name, &st, Libc.AT_SYMLINK_NOFOLLOW) != 0)
                    throw Libc.Error($"stat {entry.DisplayName}");
                // A directory over a directory merges; anything else at the name is replaced.
                if ((st.Mode & Libc.S_IFMT) != Libc.S_IFDIR)
                {
                    RemoveExisting(dirFd, name);
                    if (Libc.MkdirAt(dirFd, name, PrivateDirectoryMode) != 0)
                        throw Libc.Error($"mkdir {entry.DisplayName}");
                }
            }
            var fd = Libc.OpenAt(dirFd, name, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0);
            if (fd < 0)
                throw Libc.Error($"open {entry.DisplayName}");
            try
            {
                EntryMetadata.ApplyToFd(fd, entry, setTimes: false);
            }
            finally
            {
                Libc.Close(fd);
            }
        }

        var path = new byte[length + 1];
        _path.AsSpan(0, length).CopyTo(path);
        if (slash >= 0)
            path[slash] = (byte)'/';
        _directoryTimes.Add((path, entry.MtimeSeconds, entry.MtimeNanoseconds));
    }

    private unsafe void WriteSymlink(TarEntry entry, int dirFd, int baseStart)
    {
        // The target is stored verbatim: it is only ever followed by resolution confined to the root.
        fixed (byte* p = _path, target = entry.LinkNameBuffer)
        {
            var name = p + baseStart;
            if (Libc.SymlinkAt(target, dirFd, name) != 0)
            {
                if (Libc.LastErrno != Libc.EEXIST)
                    throw Libc.Error($"symlink {entry.DisplayName}");
                RemoveExisting(dirFd, name);
                if (Libc.SymlinkAt(target, dirFd, name) != 0)
                    throw Libc.Error($"symlink {entry.DisplayName}");
            }
            EntryMetadata.ApplyAt(dirFd, name, entry, setMode: false);
        }
    }

    private unsafe void WriteHardLink(TarEntry entry, int dirFd, int slash, int baseStart)
    {
        var length = TarPath.Clean(entry.LinkName, ref _link);
        if (length < 0)
            throw BerthException.Invalid(
                $"invalid tar entry \"{entry.DisplayName}\": hard link target \"{entry.DisplayLinkName}\" escapes the layer root");
        if (length == 0)
            throw BerthException.Invalid($"invalid tar entry \"{entry.DisplayName}\": hard link to the layer root");

        var targetSlash = _link.AsSpan(0, length).LastIndexOf((byte)'/');
        fixed (byte* p = _path, l = _link)
        {
            var targetDirFd = root.RootFd;
            if (targetSlash >= 0)
            {
                l[targetSlash] = 0;
                if (slash == targetSlash && _path.AsSpan(0, slash).SequenceEqual(_link.AsSpan(0, targetSlash)))
                    targetDirFd = dirFd;
                else if ((targetDirFd = root.Resolve(l, Libc.O_RDONLY | Libc.O_DIRECTORY)) < 0)
                    throw BerthException.Invalid(
                        $"invalid tar entry \"{entry.DisplayName}\": hard link target \"{entry.DisplayLinkName}\" not found");
            }
            try
            {
                Link(entry, targetDirFd, l + targetSlash + 1, dirFd, p + baseStart);
            }
            finally
            {
                if (targetDirFd != dirFd && targetDirFd != root.RootFd)
                    Libc.Close(targetDirFd);
            }
        }
        // The link shares the target's inode, whose owner, mode and times its own header already set.
    }

    private unsafe void Link(TarEntry entry, int targetDirFd, byte* target, int dirFd, byte* name)
    {
        if (Libc.LinkAt(targetDirFd, target, dirFd, name, 0) == 0)
            return;
        if (Libc.LastErrno == Libc.ENOENT)
            throw BerthException.Invalid(
                $"invalid tar entry \"{entry.DisplayName}\": hard link target \"{entry.DisplayLinkName}\" not found");
        if (Libc.LastErrno != Libc.EEXIST)
            throw Libc.Error($"link {entry.DisplayName}");
        if (IsSameFile(targetDirFd, target, dirFd, name))
            return;
        RemoveExisting(dirFd, name);
        if (Libc.LinkAt(targetDirFd, target, dirFd, name, 0) != 0)
            throw Libc.Error($"link {entry.DisplayName}");
    }

    private unsafe void WriteNode(TarEntry entry, int dirFd, int baseStart)
    {
        var type = entry.Kind switch
        {
            TarEntryKind.CharDevice => Libc.S_IFCHR,
            TarEntryKind.BlockDevice => Libc.S_IFBLK,
            _ => Libc.S_IFIFO,
        };
        var device = entry.Kind == TarEntryKind.Fifo ? 0 : Libc.MakeDev(entry.DevMajor, entry.DevMinor);
        fixed (byte* p = _path)
        {
            var name = p + baseStart;
            if (Libc.MknodAt(dirFd, name, type | PrivateFileMode, device) != 0)
            {
                if (Libc.LastErrno != Libc.EEXIST)
                    throw Libc.Error($"mknod {entry.DisplayName}");
                RemoveExisting(dirFd, name);
                if (Libc.MknodAt(dirFd, name, type | PrivateFileMode, device) != 0)
                    throw Libc.Error($"mknod {entry.DisplayName}");
            }
            EntryMetadata.ApplyAt(dirFd, name, entry, setMode: true);
        }
    }

    /// <summary>
    /// ".wh.NAME" hides NAME of lower layers: overlayfs spells that as a 0/0 character device.
    /// ".wh..wh..opq" hides a directory's lower contents: overlayfs spells that as an xattr.
    /// </summary>
    private unsafe void WriteWhiteout(TarEntry entry, int slash, int baseStart, int length)
    {
        var baseName = _path.AsSpan(baseStart, length - baseStart);
        var isOpaque = baseName.SequenceEqual(OpaqueMarker);
        if (!isOpaque && baseName.StartsWith(WhiteoutMetaPrefix))
            return; // other AUFS bookkeeping
        var hidden = baseName[WhiteoutPrefix.Length..];
        if (!isOpaque && (hidden.IsEmpty || hidden.SequenceEqual("."u8) || hidden.SequenceEqual(".."u8)))
            throw BerthException.Invalid($"invalid tar entry \"{entry.DisplayName}\": invalid whiteout name");

        var dirFd = root.OpenDirectory(_path, Math.Max(slash, 0));
        if (isOpaque)
        {
            fixed (byte* n = OpaqueXattr)
            {
                byte y = (byte)'y';
                if (Libc.FSetXattr(dirFd, n, &y, 1, 0) != 0)
                    throw Libc.Error($"mark {entry.DisplayName} opaque");
            }
            return;
        }

        fixed (byte* p = _path)
        {
            var name = p + baseStart + WhiteoutPrefix.Length;
            RemoveExisting(dirFd, name);
            if (Libc.MknodAt(dirFd, name, Libc.S_IFCHR, 0) != 0)
                throw Libc.Error($"mknod whiteout {entry.DisplayName}");
            if (Libc.FChownAt(dirFd, name, entry.Uid, entry.Gid, Libc.AT_SYMLINK_NOFOLLOW) != 0)
                throw Libc.Error($"chown {entry.DisplayName}");
        }
    }

    private unsafe void RemoveExisting(int dirFd, byte* name)
    {
        if (ConfinedDirectory.RemoveAll(dirFd, name))
            root.Invalidate();
    }

    private static unsafe bool IsSameFile(int dirFd1, byte* name1, int dirFd2, byte* name2)
    {
        Libc.Stat a, b;
        return Libc.FStatAt(dirFd1, name1, &a, Libc.AT_SYMLINK_NOFOLLOW) == 0 &&
               Libc.FStatAt(dirFd2, name2, &b, Libc.AT_SYMLINK_NOFOLLOW) == 0 &&
               a.Dev == b.Dev && a.Ino == b.Ino;
    }

    private static string DisplayPath(byte[] path) =>
        System.Text.Encoding.UTF8.GetString(path.AsSpan(0, path.Length - 1));
}
