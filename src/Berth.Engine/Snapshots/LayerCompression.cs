using System.IO.Compression;

namespace Berth.Engine.Snapshots;

/// <summary>
/// Recognises how a layer blob is compressed from its first bytes rather than trusting a media type,
/// as Docker does: registries and `docker load` archives are not always labelled correctly.
/// </summary>
public static class LayerCompression
{
    private static ReadOnlySpan<byte> GzipMagic => [0x1f, 0x8b];
    private static ReadOnlySpan<byte> ZstdMagic => [0x28, 0xb5, 0x2f, 0xfd];

    internal const int SniffLength = 4;

    /// <summary>
    /// A stream of the decompressed tar: gzip and zstd are decoded, anything else passes through as a
    /// plain tar. The input need not be seekable; it is sniffed on the first read, so no I/O happens
    /// here. Disposing the result disposes <paramref name="input"/>.
    /// </summary>
    public static Stream Decompress(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new SniffingDecompressionStream(input);
    }

    /// <summary>Wraps <paramref name="input"/> (whose first bytes were already read into <paramref name="head"/>) in the matching decoder.</summary>
    internal static Stream Open(byte[] head, int headLength, Stream input)
    {
        var prefixed = new PrefixedStream(head, headLength, input);
        var magic = head.AsSpan(0, headLength);
        if (magic.StartsWith(GzipMagic))
            return new GZipStream(prefixed, CompressionMode.Decompress, leaveOpen: false);
        if (magic.StartsWith(ZstdMagic))
            return new ZstdSharp.DecompressionStream(prefixed, leaveOpen: false);
        return prefixed;
    }
}
