using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Berth.Engine.Errors;
using Berth.Engine.Snapshots;
using Xunit;

namespace Berth.Tests.Snapshots;

/// <summary>Tar dialects, broken input and compression handling.</summary>
public sealed class LayerTarFormatTests : IDisposable
{
    private readonly LayerTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private Task<LayerUnpackResult> Unpack(Stream tar) => LayerUnpacker.UnpackAsync(tar, _dir.Root, CancellationToken.None);

    [Theory]
    [InlineData(TarEntryFormat.Pax)]
    [InlineData(TarEntryFormat.Gnu)]
    [InlineData(TarEntryFormat.Ustar)]
    [InlineData(TarEntryFormat.V7)]
    public async Task Every_tar_dialect_unpacks(TarEntryFormat format)
    {
        var result = await Unpack(new TarBuilder(format)
            .Dir("d/", "750")
            .File("d/f", "hello", "600", uid: 12, gid: 34)
            .Symlink("d/l", "f")
            .Build());

        Assert.Equal(new LayerUnpackResult(5, 3), result);
        Assert.Equal("hello", File.ReadAllText(_dir.InRoot("d/f")));
        Assert.Equal((12u, 34u), FileStatus.Owner(_dir.InRoot("d/f")));
        Assert.Equal("750", FileStatus.Mode(_dir.InRoot("d")));
        Assert.Equal("f", new FileInfo(_dir.InRoot("d/l")).LinkTarget);
    }

    [Theory]
    [InlineData(TarEntryFormat.Pax)]
    [InlineData(TarEntryFormat.Gnu)]
    public async Task Long_names_and_link_targets_survive(TarEntryFormat format)
    {
        var longDir = string.Join('/', Enumerable.Repeat("directory-name-of-some-length", 8));
        var longTarget = "/" + longDir + "/target";

        await Unpack(new TarBuilder(format)
            .File(longDir + "/file", "deep")
            .Symlink("link", longTarget)
            .HardLink("hard", longDir + "/file")
            .Build());

        Assert.Equal("deep", File.ReadAllText(_dir.InRoot(longDir + "/file")));
        Assert.Equal(longTarget, new FileInfo(_dir.InRoot("link")).LinkTarget);
        Assert.Equal("deep", File.ReadAllText(_dir.InRoot("hard")));
    }

    [Fact]
    public async Task Large_file_delivered_in_odd_sized_reads_is_written_exactly()
    {
        var data = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 123);
        var tar = new TarBuilder().File("small", "s").File("big", data).File("after", "a").ToArray();
        var input = new OddChunkStream(tar);

        var result = await Unpack(input);

        Assert.Equal(SHA256.HashData(data), SHA256.HashData(File.ReadAllBytes(_dir.InRoot("big"))));
        Assert.Equal("a", File.ReadAllText(_dir.InRoot("after")));
        Assert.Equal(data.Length + 2, result.Size);
        Assert.True(input.ReachedEnd);
    }

    [Fact]
    public async Task Data_after_the_end_of_archive_is_read_so_stream_digests_cover_it()
    {
        var tar = new TarBuilder().File("f", "x").ToArray().Concat(new byte[10_000]).ToArray();
        var input = new OddChunkStream(tar);

        await Unpack(input);

        Assert.True(input.ReachedEnd);
    }

    [Fact]
    public async Task Empty_stream_is_an_empty_layer()
    {
        Assert.Equal(new LayerUnpackResult(0, 0), await Unpack(new MemoryStream()));
    }

    [Fact]
    public async Task Tar_truncated_inside_file_data_is_rejected()
    {
        var tar = new TarBuilder().File("f", new byte[5000]).ToArray();

        var ex = await Assert.ThrowsAsync<BerthException>(() => Unpack(new MemoryStream(tar[..3000])));

        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal("unexpected EOF in layer tar", ex.Message);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(512 + 300)]
    public async Task Tar_truncated_inside_a_header_is_rejected(int length)
    {
        var tar = new TarBuilder().File("a", "1").File("b", "2").ToArray();
        var cut = tar.AsSpan(length < 512 ? 0 : 512 + 512, length < 512 ? length : 300).ToArray();

        var ex = await Assert.ThrowsAsync<BerthException>(() => Unpack(new MemoryStream(tar[..1024].Concat(cut).ToArray())));

        Assert.Equal("unexpected EOF in layer tar", ex.Message);
    }

    [Fact]
    public async Task Random_bytes_are_rejected_as_an_invalid_header()
    {
        var garbage = RandomNumberGenerator.GetBytes(64 * 1024);
        garbage[0] = 0x42; // never a zero block

        var ex = await Assert.ThrowsAsync<BerthException>(() => Unpack(new MemoryStream(garbage)));

        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.StartsWith("invalid tar header", ex.Message);
    }

    [Fact]
    public async Task Header_with_a_wrong_checksum_is_rejected()
    {
        var tar = new TarBuilder().File("f", "x").ToArray();
        tar[0] ^= 0x20;

        var ex = await Assert.ThrowsAsync<BerthException>(() => Unpack(new MemoryStream(tar)));

        Assert.Equal("invalid tar header: checksum mismatch", ex.Message);
    }

    [Fact]
    public async Task Sparse_and_unknown_entry_types_are_rejected()
    {
        foreach (var type in new[] { 'S', 'V', 'Z' })
        {
            var tar = RawTar.Entry("weird", type, []).Concat(RawTar.EndOfArchive).ToArray();
            var ex = await Assert.ThrowsAsync<BerthException>(() => Unpack(new MemoryStream(tar)));
            Assert.Contains("\"weird\"", ex.Message);
        }
    }

    [Fact]
    public async Task Regular_file_over_a_file_used_as_directory_fails_cleanly()
    {
        var ex = await Assert.ThrowsAsync<BerthException>(() =>
            Unpack(new TarBuilder().File("a", "file").File("a/b", "x").Build()));

        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Contains("\"a/b\"", ex.Message);
    }

    [Fact]
    public async Task Gzip_layers_are_decompressed()
    {
        var tar = new TarBuilder().File("f", "gz").ToArray();
        var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(tar);

        await using var input = LayerCompression.Decompress(new OddChunkStream(compressed.ToArray()));
        await Unpack(input);

        Assert.Equal("gz", File.ReadAllText(_dir.InRoot("f")));
    }

    [Fact]
    public async Task Zstd_layers_are_decompressed()
    {
        var tar = new TarBuilder().File("f", "zst").ToArray();
        using var compressor = new ZstdSharp.Compressor();
        var compressed = compressor.Wrap(tar).ToArray();

        await using var input = LayerCompression.Decompress(new OddChunkStream(compressed));
        await Unpack(input);

        Assert.Equal("zst", File.ReadAllText(_dir.InRoot("f")));
    }

    [Fact]
    public async Task Uncompressed_tar_passes_through_unchanged()
    {
        var tar = new TarBuilder().File("f", "plain").ToArray();

        await using var input = LayerCompression.Decompress(new OddChunkStream(tar));
        var copy = new MemoryStream();
        await input.CopyToAsync(copy);

        Assert.Equal(tar, copy.ToArray());
    }

    [Fact]
    public async Task Corrupt_gzip_is_reported_as_invalid_input()
    {
        var tar = new TarBuilder().File("f", new byte[100_000]).ToArray();
        var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(tar);
        var bytes = compressed.ToArray();
        for (var i = 20; i < bytes.Length - 8; i += 7)
            bytes[i] ^= 0x5a;

        await using var input = LayerCompression.Decompress(new MemoryStream(bytes));
        var ex = await Assert.ThrowsAsync<BerthException>(() => Unpack(input));

        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
    }
    [Theory]
    [InlineData("gzip")]
    [InlineData("zstd")]
    public async Task Truncated_compressed_layer_is_rejected(string format)
    {
        var tar = new TarBuilder().File("f", RandomNumberGenerator.GetBytes(200_000)).ToArray();
        byte[] compressed;
        if (format == "gzip")
        {
            var buffer = new MemoryStream();
            await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
                gzip.Write(tar);
            compressed = buffer.ToArray();
        }
        else
        {
            using var compressor = new ZstdSharp.Compressor();
            compressed = compressor.Wrap(tar).ToArray();
        }

        await using var input = LayerCompression.Decompress(new MemoryStream(compressed[..(compressed.Length / 2)]));
        var ex = await Assert.ThrowsAsync<BerthException>(() => Unpack(input));

        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
    }
}
