using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Berth.Tests.Snapshots;

namespace Berth.Tests.Integration.Images;

/// <summary>Layer tarballs for the image tests and the digests Docker derives from them.</summary>
public static class LayerTars
{
    /// <summary>"sha256:…" of the bytes: a blob digest, or for an uncompressed layer tar its diff ID.</summary>
    public static string Digest(byte[] data) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data));

    public static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(data);
        return output.ToArray();
    }

    /// <summary>A small layer of its own (unique content, so the daemon has never stored it).</summary>
    public static byte[] Marker(string name, string content) =>
        new TarBuilder().Dir("etc/").File("etc/" + name, content + "\n").ToArray();

    /// <summary>Every entry of <paramref name="first"/>, then every entry of <paramref name="second"/>, in one tar.</summary>
    public static byte[] Concat(byte[] first, byte[] second)
    {
        var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var tar in new[] { first, second })
            {
                using var reader = new TarReader(new MemoryStream(tar));
                while (reader.GetNextEntry(copyData: true) is { } entry) writer.WriteEntry(entry);
            }
        return output.ToArray();
    }
}
