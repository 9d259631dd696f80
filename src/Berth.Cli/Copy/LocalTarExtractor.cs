using System.Formats.Tar;
using Berth.Cli.Commands;

namespace Berth.Cli.Copy;

/// <summary>
/// Extracts an archive from a container into a local directory for `cp`, renaming its top entry
/// (<c>fromName</c> → <c>toName</c>). Names with ".." or an absolute path, and entries that would be
/// written through a symlink, are refused so a hostile archive cannot write outside the target.
/// </summary>
internal static class LocalTarExtractor
{
    public static async Task ExtractAsync(Stream input, string directory, string fromName, string toName, CancellationToken ct)
    {
        var root = Path.GetFullPath(directory);
        var directoryTimes = new List<(string Path, DateTimeOffset Time, UnixFileMode Mode)>();
        await using var reader = new TarReader(input, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false) is { } entry)
        {
            var relative = Rebase(entry.Name, fromName, toName);
            if (relative is null) continue;
            var target = Path.Combine(root, relative);
            CheckParents(root, relative);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    if (File.Exists(target) && !Directory.Exists(target)) File.Delete(target);
                    Directory.CreateDirectory(target);
                    directoryTimes.Add((target, entry.ModificationTime, entry.Mode));
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                    RemoveNonDirectory(target);
                    await entry.ExtractToFileAsync(target, overwrite: true, ct).ConfigureAwait(false);
                    break;
                case TarEntryType.SymbolicLink:
                    RemoveNonDirectory(target);
                    File.CreateSymbolicLink(target, entry.LinkName);
                    break;
                case TarEntryType.HardLink:
                    var linked = Rebase(entry.LinkName, fromName, toName);
                    if (linked is null) continue;
                    CheckParents(root, linked);
                    RemoveNonDirectory(target);
                    File.Copy(Path.Combine(root, linked), target);
                    break;
                default:
                    continue; // devices and fifos need more than a copy can promise
            }
        }
        directoryTimes.Reverse();
        foreach (var (path, time, mode) in directoryTimes)
        {
            File.SetUnixFileMode(path, mode);
            Directory.SetLastWriteTimeUtc(path, time.UtcDateTime);
        }
    }

    /// <summary>The entry's path below the target with its first component renamed, or null for nothing to write.</summary>
    private static string? Rebase(string name, string fromName, string toName)
    {
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (name.StartsWith('/') || parts.Contains("..")) throw new CliError(1, $"invalid archive entry name: {name}");
        if (fromName == ".")
        {
            while (parts.Count > 0 && parts[0] == ".") parts.RemoveAt(0);
            if (toName != ".") parts.Insert(0, toName);
        }
        else
        {
            parts.RemoveAll(p => p == ".");
            if (parts.Count > 0 && parts[0] == fromName && toName != ".") parts[0] = toName;
            else if (parts.Count > 0 && parts[0] == fromName) parts.RemoveAt(0);
        }
        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    private static void CheckParents(string root, string relative)
    {
        var current = root;
        var parts = relative.Split('/');
        foreach (var part in parts[..^1])
        {
            current = Path.Combine(current, part);
            if (new FileInfo(current).LinkTarget is not null) throw new CliError(1, $"refusing to extract through the symlink {current}");
        }
    }

    private static void RemoveNonDirectory(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || info.Exists) info.Delete();
        else if (Directory.Exists(path)) throw new CliError(1, $"cannot overwrite directory \"{path}\" with non-directory");
    }
}
