using Berth.Engine.Snapshots;
using Xunit;

namespace Berth.Tests.Snapshots;

/// <summary>Unpacking a layer and packing the result again must give the layer back.</summary>
public sealed class LayerPackerRoundTripTests : IDisposable
{
    private static readonly DateTimeOffset Time = TarBuilder.DefaultTime;

    private readonly LayerTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_layer_with_aufs_whiteouts_survives_unpack_and_pack()
    {
        // In walk order (whiteouts sort by the hidden name, which is what is on disk), with what Docker
        // writes for whiteouts (0600) and opaque markers (the directory's permissions).
        var original = new TarBuilder()
            .Dir("bin/", "755")
            .File("bin/sh", "#!/bin/busybox", "4755")
            .FileWithXattrs("caps", "x", ("user.note", "hello"))
            .Dir("etc/", "750", uid: 1000, gid: 1001)
            .File("etc/hosts", "127.0.0.1 localhost\n", "644")
            .HardLink("etc/hosts-link", "etc/hosts")
            .Symlink("lib", "usr/lib")
            .CharDevice("null", 1, 3, "666")
            .Dir("opq/", "711")
            .File("opq/.wh..wh..opq", "", "711")
            .File("opq/kept", "k", "600", uid: 65534, gid: 65534)
            .Fifo("pipe", "640")
            .File(".wh.removed", "", "600", uid: 3, gid: 4)
            .Dir("sub/", "2775")
            .File("sub/.wh.gone-too", "", "600")
            .ToArray();

        var unpacked = await LayerUnpacker.UnpackAsync(new MemoryStream(original), _dir.Root, CancellationToken.None);
        var (packed, tar) = await PackedLayer.PackAsync(_dir.Root);

        var expected = PackedLayer.Read(original);
        var actual = PackedLayer.Read(tar);
        Assert.Equal(expected.Select(e => e.WithoutTime()), actual.Select(e => e.WithoutTime()));
        // Times come back too, except for whiteouts (the device's creation time) and opaque markers (the epoch).
        Assert.All(actual.Where(e => !e.Name.Contains(".wh.")), e => Assert.Equal(Time.ToUnixTimeSeconds(), e.MtimeSeconds));
        Assert.Equal((unpacked.Size, unpacked.Entries), (packed.Size, packed.Entries));
    }

    [Fact]
    public async Task Packing_the_unpacked_pack_gives_the_same_bytes()
    {
        TreeBuilder.Dir(_dir.InRoot("d"), "750", uid: 10, gid: 20);
        TreeBuilder.File(_dir.InRoot("d/f"), "content", "640", mtime: Time);
        TreeBuilder.Whiteout(_dir.InRoot("d/w"));
        TreeBuilder.SetXattr(_dir.InRoot("d"), "trusted.overlay.opaque", "y"u8.ToArray());
        TreeBuilder.DirTime(_dir.InRoot("d"), Time);
        var (_, first) = await PackedLayer.PackAsync(_dir.Root);

        using var again = new LayerTestDirectory();
        await LayerUnpacker.UnpackAsync(new MemoryStream(first), again.Root, CancellationToken.None);
        // The whiteout device gets a new mtime on unpack; give it the original's so the bytes can match.
        File.SetLastWriteTimeUtc(again.InRoot("d/w"), File.GetLastWriteTimeUtc(_dir.InRoot("d/w")));
        TreeBuilder.DirTime(again.InRoot("d"), Time);
        var (_, second) = await PackedLayer.PackAsync(again.Root);

        Assert.Equal(first, second);
    }
}
