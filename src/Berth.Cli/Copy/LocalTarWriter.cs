using System.Formats.Tar;

namespace Berth.Cli.Copy;

/// <summary>
/// Archives a local file or directory tree for `cp` into a container: the top entry is named
/// <c>topName</c> ("." for a directory's contents), symlinks below the top are stored as links.
/// </summary>
internal static class LocalTarWriter
{
    public static async Task WriteAsync(string source, string topName, Stream output, CancellationToken ct)
    {
        await using var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        await WriteTreeAsync(tar, source, topName, ct).ConfigureAwait(false);
    }

    private static async Task WriteTreeAsync(TarWriter tar, string path, string name, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var info = new FileInfo(path);
        var isDir = info.LinkTarget is null && Directory.Exists(path);
        await tar.WriteEntryAsync(path, isDir ? name + "/" : name, ct).ConfigureAwait(false);
        if (!isDir) return;
        foreach (var child in Directory.EnumerateFileSystemEntries(path).Order(StringComparer.Ordinal))
            await WriteTreeAsync(tar, child, name + "/" + Path.GetFileName(child), ct).ConfigureAwait(false);
    }
}
