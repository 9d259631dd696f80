using Berth.Engine.Errors;
using Berth.Engine.Native;

namespace Berth.Engine.Snapshots;

/// <summary>
/// The reverse of <see cref="LayerUnpacker"/>: archives a directory tree (the upper directory of a
/// container's overlay mount) as an uncompressed layer tar for commit, export and save, converting
/// overlayfs whiteouts to the AUFS form layers carry, as Docker's overlay2 driver does.
/// </summary>
public static class LayerPacker
{
    /// <summary>
    /// Streams the contents of <paramref name="directory"/> (not the directory itself) to
    /// <paramref name="output"/> as a tar: entries depth first in bytewise name order, relative names,
    /// directories ending in "/", numeric owners, whole-second mtimes, PAX records for long or
    /// non-ASCII names and for xattrs. A 0/0 character device becomes ".wh.NAME"; a directory with
    /// trusted.overlay.opaque=y is followed by "DIR/.wh..wh..opq"; trusted.overlay.* attributes are
    /// left out; sockets are skipped. Symlinks inside the tree are never followed. The output is
    /// flushed, not closed; callers that need the digest wrap it in a hashing stream.
    /// </summary>
    public static async Task<LayerPackResult> PackAsync(string directory, Stream output, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(output);

        var rootFd = Libc.Open(directory, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0);
        if (rootFd < 0)
        {
            var error = Libc.Error($"open {directory}");
            throw error.HResult == Libc.ENOENT
                ? BerthException.NotFound($"cannot pack layer: {error.Message}")
                : BerthException.System($"cannot pack layer: {error.Message}", error);
        }
        try
        {
            var writer = new LayerTarWriter(output);
            var packer = new LayerTreePacker(writer);
            await packer.PackChildrenAsync(rootFd, ct).ConfigureAwait(false);
            await writer.FinishAsync(ct).ConfigureAwait(false);
            return new LayerPackResult(packer.Size, packer.Entries);
        }
        finally
        {
            Libc.Close(rootFd);
        }
    }

    /// <summary>
    /// Streams one entry of a directory (the archive API's GET: a file, or a directory with its
    /// contents) named <paramref name="archiveName"/> in the tar. Nothing is followed below
    /// <paramref name="parentFd"/>; whiteouts and overlay attributes are treated as in <see cref="PackAsync"/>.
    /// </summary>
    internal static async Task<LayerPackResult> PackEntryAsync(int parentFd, string name, string archiveName, Stream output, CancellationToken ct)
    {
        var writer = new LayerTarWriter(output);
        var packer = new LayerTreePacker(writer);
        await packer.PackEntryAsync(parentFd, NulTerminated(name), NulTerminated(archiveName), ct).ConfigureAwait(false);
        await writer.FinishAsync(ct).ConfigureAwait(false);
        return new LayerPackResult(packer.Size, packer.Entries);
    }

    private static byte[] NulTerminated(string value) => System.Text.Encoding.UTF8.GetBytes(value + "\0");
}
