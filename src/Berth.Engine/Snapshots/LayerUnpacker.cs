using Berth.Engine.Errors;
using Berth.Engine.Native;

namespace Berth.Engine.Snapshots;

/// <summary>
/// Extracts an uncompressed layer tar into a directory the way Docker's overlay2 driver does, with the
/// guarantee that nothing is written outside that directory: every entry is created relative to a
/// parent directory fd that the kernel resolved inside the target (openat2 RESOLVE_IN_ROOT), so
/// symlinks planted by the layer, absolute names and ".." cannot lead out.
/// </summary>
public static class LayerUnpacker
{
    private const int BufferSize = 128 * 1024;

    /// <summary>
    /// Streams <paramref name="tar"/> into the existing directory <paramref name="targetDir"/>. Malformed
    /// or hostile input throws <see cref="BerthException"/>; the caller discards the directory on any
    /// exception, so a failed unpack is not rolled back here.
    /// </summary>
    public static Task<LayerUnpackResult> UnpackAsync(Stream tar, string targetDir, CancellationToken ct) =>
        UnpackAsync(tar, targetDir, ArchiveExtractMode.Layer, ownByRoot: false, ct);

    /// <summary>
    /// As above; <paramref name="mode"/> selects layer semantics or the archive API's (docker cp), and
    /// <paramref name="ownByRoot"/> makes every entry 0:0 (docker cp without -a) instead of the tar's owners.
    /// </summary>
    public static async Task<LayerUnpackResult> UnpackAsync(Stream tar, string targetDir, ArchiveExtractMode mode, bool ownByRoot, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tar);
        ArgumentException.ThrowIfNullOrEmpty(targetDir);

        ConfinedDirectory root;
        try
        {
            root = ConfinedDirectory.Open(targetDir);
        }
        catch (IOException ex)
        {
            throw BerthException.System($"cannot unpack layer: {ex.Message}", ex);
        }

        using (root)
        {
            var reader = new LayerTarReader(tar, new byte[BufferSize]);
            var writer = new LayerEntryWriter(root, reader, mode, ownByRoot);
            long size = 0;
            var entries = 0;
            while (await reader.MoveNextAsync(ct).ConfigureAwait(false))
            {
                ct.ThrowIfCancellationRequested();
                var entry = reader.Entry;
                entries++;
                if (entry.Kind == TarEntryKind.File)
                    size += entry.Size;
                try
                {
                    await writer.WriteAsync(entry, ct).ConfigureAwait(false);
                }
                catch (IOException ex)
                {
                    throw Failure(entry.DisplayName, ex);
                }
            }
            try
            {
                writer.ApplyDirectoryTimes();
            }
            catch (IOException ex)
            {
                throw BerthException.System($"cannot unpack layer: {ex.Message}", ex);
            }
            return new LayerUnpackResult(size, entries);
        }
    }

    /// <summary>
    /// Failures that the layer's own content provokes (a file where a directory is needed, a link to a
    /// missing target, an overlong name) are invalid input; the rest (no space, I/O errors) are system errors.
    /// </summary>
    private static BerthException Failure(string entryName, IOException ex)
    {
        var message = $"cannot unpack layer entry \"{entryName}\": {ex.Message}";
        return ex.HResult switch
        {
            Libc.ENOENT or Libc.ENOTDIR or Libc.EEXIST or Libc.ELOOP or Libc.ENAMETOOLONG or Libc.EISDIR
                or Libc.EPERM or Libc.EXDEV or Libc.EINVAL or Libc.EMLINK => new BerthException(ErrorKind.InvalidArgument, message, ex),
            _ => BerthException.System(message, ex),
        };
    }
}
