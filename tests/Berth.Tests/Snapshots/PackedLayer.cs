using Berth.Engine.Snapshots;
using System.Formats.Tar;
using System.Text;

namespace Berth.Tests.Snapshots;

/// <summary>One entry of a packed layer as an independent reader (System.Formats.Tar) sees it.</summary>
public sealed record PackedEntry(
    string Name, TarEntryType Type, string Mode, int Uid, int Gid, string LinkName, string Content,
    long MtimeSeconds, int DevMajor, int DevMinor, string Xattrs)
{
    /// <summary>The entry without its mtime, for comparisons where times legitimately differ.</summary>
    public PackedEntry WithoutTime() => this with { MtimeSeconds = 0 };
}

/// <summary>Packs directories and reads the tars back for assertions.</summary>
public static class PackedLayer
{
    public static async Task<(LayerPackResult Result, byte[] Tar)> PackAsync(string directory)
    {
        using var output = new MemoryStream();
        var result = await LayerPacker.PackAsync(directory, output, CancellationToken.None);
        return (result, output.ToArray());
    }

    /// <summary>
    /// Entries in archive order. Xattrs are "name=value" pairs joined by ";" (System.Formats.Tar decodes
    /// values as UTF-8, so binary values are checked with <see cref="ReadRaw"/>).
    /// </summary>
    public static List<PackedEntry> Read(byte[] tar)
    {
        var entries = new List<PackedEntry>();
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry() is { } entry)
        {
            var content = entry.DataStream is null ? "" : new StreamReader(entry.DataStream, Encoding.UTF8).ReadToEnd();
            var posix = entry as PosixTarEntry;
            var xattrs = entry is PaxTarEntry pax
                ? string.Join(";", pax.ExtendedAttributes.Where(a => a.Key.StartsWith("SCHILY.xattr.", StringComparison.Ordinal))
                    .OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key["SCHILY.xattr.".Length..]}={a.Value}"))
                : "";
            entries.Add(new PackedEntry(entry.Name, entry.EntryType, Convert.ToString((int)entry.Mode, 8), entry.Uid, entry.Gid,
                entry.LinkName, content, entry.ModificationTime.ToUnixTimeSeconds(), posix?.DeviceMajor ?? 0, posix?.DeviceMinor ?? 0, xattrs));
        }
        return entries;
    }

    /// <summary>Names, link names and xattrs as raw bytes, through the engine's own reader.</summary>
    public static List<(byte[] Name, byte[] LinkName, List<(string Name, byte[] Value)> Xattrs)> ReadRaw(byte[] tar)
    {
        var entries = new List<(byte[], byte[], List<(string, byte[])>)>();
        var reader = new LayerTarReader(new MemoryStream(tar), new byte[64 * 1024]);
        while (reader.MoveNextAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
        {
            var e = reader.Entry;
            var xattrs = e.Xattrs.Select(x => (Encoding.UTF8.GetString(x.Name, 0, x.Name.Length - 1), x.Value)).ToList();
            entries.Add((e.Name.ToArray(), e.LinkName.ToArray(), xattrs));
        }
        return entries;
    }
}
