using Berth.Engine.Errors;
using Berth.Engine.Native;
using Berth.Engine.Snapshots;

namespace Berth.Engine.Containers;

/// <summary>
/// The archive API behind `docker cp`: stat a path, read a path as a tar, extract a tar into a
/// directory. Paths are resolved by the kernel inside the container's root; a stopped container's
/// layers are mounted for the call. Extraction goes through <see cref="LayerUnpacker"/>, confined to
/// the target directory, so nothing lands outside the container whatever the tar or the container's
/// symlinks say.
/// </summary>
public sealed class ContainerArchive(ContainerFilesystem filesystem)
{
    public ContainerPathInfo Stat(Container c, string path)
    {
        using var view = filesystem.Open(c, writable: false);
        using var lookup = ContainerPathLookup.Open(view.Path);
        var (parentFd, name) = lookup.Locate(path, c.Name);
        try
        {
            return Describe(lookup, parentFd, name, path, c.Name);
        }
        finally
        {
            Libc.Close(parentFd);
        }
    }

    /// <summary>
    /// Writes the path as a tar (a directory with its contents, under the request path's base name).
    /// <paramref name="begin"/> gets the stat before any byte is written and returns the stream to write to.
    /// </summary>
    public async Task WriteArchiveAsync(Container c, string path, Func<ContainerPathInfo, Stream> begin, CancellationToken ct)
    {
        using var view = filesystem.Open(c, writable: false);
        using var lookup = ContainerPathLookup.Open(view.Path);
        var (parentFd, name) = lookup.Locate(path, c.Name);
        try
        {
            var info = Describe(lookup, parentFd, name, path, c.Name);
            var archiveName = info.Name == "/" ? "." : info.Name;
            await LayerPacker.PackEntryAsync(parentFd, name, archiveName, begin(info), ct).ConfigureAwait(false);
        }
        finally
        {
            Libc.Close(parentFd);
        }
    }

    /// <summary>
    /// Extracts <paramref name="tar"/> into the directory <paramref name="path"/> (every symlink on the way followed inside the root).
    /// Without <paramref name="copyUidGid"/> (docker cp without -a) everything is owned by root, as Docker does.
    /// </summary>
    public async Task ExtractAsync(Container c, string path, Stream tar, bool noOverwriteDirNonDir, bool copyUidGid, CancellationToken ct)
    {
        using var view = filesystem.Open(c, writable: true);
        using var lookup = ContainerPathLookup.Open(view.Path);
        var dirFd = lookup.OpenDirectory(path, c.Name);
        try
        {
            // The magic link reopens exactly the directory the kernel resolved inside the root.
            await LayerUnpacker.UnpackAsync(tar, $"/proc/self/fd/{dirFd}",
                noOverwriteDirNonDir ? ArchiveExtractMode.CopyNoOverwriteDirNonDir : ArchiveExtractMode.Copy, ownByRoot: !copyUidGid, ct).ConfigureAwait(false);
        }
        finally
        {
            Libc.Close(dirFd);
        }
    }

    private static ContainerPathInfo Describe(ContainerPathLookup lookup, int parentFd, string name, string path, string container)
    {
        var st = lookup.StatAt(parentFd, name, path, container);
        var type = st.Mode & Libc.S_IFMT;
        var linkTarget = type == Libc.S_IFLNK ? lookup.LinkTargetOf(path) : "";
        var mtime = DateTimeOffset.FromUnixTimeSeconds(st.MtimeSeconds).AddTicks(st.MtimeNanoseconds / 100);
        return new ContainerPathInfo(ContainerPathLookup.BaseName(path), st.Size, GoMode(st.Mode), mtime, linkTarget);
    }

    /// <summary>st_mode as Go's os.FileMode, which is what Docker puts in the stat header.</summary>
    private static uint GoMode(uint mode)
    {
        var go = mode & 0b111_111_111;
        if ((mode & 0b100_000_000_000) != 0) go |= 1u << 23; // setuid
        if ((mode & 0b010_000_000_000) != 0) go |= 1u << 22; // setgid
        if ((mode & 0b001_000_000_000) != 0) go |= 1u << 20; // sticky
        go |= (mode & Libc.S_IFMT) switch
        {
            Libc.S_IFDIR => ContainerPathInfo.GoModeDir,
            Libc.S_IFLNK => ContainerPathInfo.GoModeSymlink,
            Libc.S_IFIFO => 1u << 25,
            Libc.S_IFSOCK => 1u << 24,
            Libc.S_IFBLK => 1u << 26,
            Libc.S_IFCHR => (1u << 26) | (1u << 21),
            _ => 0u,
        };
        return go;
    }
}
