using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Images;

/// <summary>`berth load` of the archive shapes found in the wild: OCI layout only, legacy docker-archive, gzip layers.</summary>
public sealed class LoadFormatTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    private async Task<string> IdOf(string image) => (await D.BerthOk("image", "inspect", "-f", "{{.Id}}", image)).Trim();

    private async Task<string> Load(byte[] archive)
    {
        var r = await D.BerthWithInput(archive, "load");
        if (r.ExitCode != 0) throw new Xunit.Sdk.XunitException($"load failed: {r}\n--- daemon log\n{D.Log}");
        return r.Stdout;
    }

    [Fact]
    public async Task Save_writes_both_an_oci_layout_and_a_docker_manifest()
    {
        var archive = Path.Combine(D.Root, "layout.tar");
        await D.BerthOk("save", "-o", archive, "busybox");

        var names = ArchiveBuilder.EntryNames(await File.ReadAllBytesAsync(archive));

        Assert.Contains("oci-layout", names);
        Assert.Contains("index.json", names);
        Assert.Contains("manifest.json", names);
        Assert.Contains("blobs/sha256/" + (await IdOf("busybox"))["sha256:".Length..], names);
    }

    [Fact]
    public async Task Load_reads_an_oci_layout_without_manifest_json()
    {
        await D.BerthWithInput(LayerTars.Concat(TestImages.BusyboxTar, LayerTars.Marker("oci-only", "from the index")), "import", "-", "load/oci-only:1");
        var id = await IdOf("load/oci-only:1");
        var saved = Path.Combine(D.Root, "oci-only.tar");
        await D.BerthOk("save", "-o", saved, "load/oci-only:1");
        var ociOnly = ArchiveBuilder.Without(await File.ReadAllBytesAsync(saved), name => name == "manifest.json");
        await D.BerthOk("rmi", "load/oci-only:1");

        var output = await Load(ociOnly);

        Assert.Equal("Loaded image: load/oci-only:1\n", output);
        Assert.Equal(id, await IdOf("load/oci-only:1"));
        Assert.Equal("from the index\n", await D.BerthOk("run", "--rm", "load/oci-only:1", "cat", "/etc/oci-only"));
    }

    [Fact]
    public async Task Load_reads_a_legacy_docker_archive_with_layer_tar_and_config_json()
    {
        var image = new ArchiveImage([TestImages.BusyboxTar, LayerTars.Marker("legacy", "from layer.tar")], ["load/legacy:old", "load/legacy:older"])
        {
            Cmd = ["cat", "/etc/legacy"],
            History = [("/bin/sh -c #(nop) ADD file:busybox in / ", false), ("/bin/sh -c #(nop) ADD file:marker in /etc ", false), ("/bin/sh -c #(nop)  CMD [\"cat\" \"/etc/legacy\"] # from the old days", true)],
        };

        var output = await Load(ArchiveBuilder.DockerArchive([image]));

        Assert.Equal("Loaded image: load/legacy:old\nLoaded image: load/legacy:older\n", output);
        Assert.Equal(image.Id, await IdOf("load/legacy:old"));
        Assert.Equal(image.Id, await IdOf("load/legacy:older"));
        Assert.Equal("from layer.tar\n", await D.BerthOk("run", "--rm", "load/legacy:old"));
        var history = (await D.BerthOk("history", "--no-trunc", "--format", "{{.CreatedBy}}", "load/legacy:old")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["/bin/sh -c #(nop)  CMD [\"cat\" \"/etc/legacy\"] # from the old days", "/bin/sh -c #(nop) ADD file:marker in /etc ", "/bin/sh -c #(nop) ADD file:busybox in / "], history);
        var table = (await D.BerthOk("history", "load/legacy:old")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Docker's table: the image's ID on the newest row only, CREATED BY cut at 45 characters.
        Assert.Equal(4, table.Length);
        Assert.Matches($@"^{image.Id["sha256:".Length..][..12]}\s+.+ ago\s+/bin/sh -c #\(nop\)  CMD \[""cat"" ""/etc/legacy""\]…\s+0B\s*$", table[1]);
        Assert.Matches(@"^<missing>\s+.+ ago\s+/bin/sh -c #\(nop\) ADD file:marker in /etc\s+\d+B\s*$", table[2]);
        Assert.StartsWith("<missing>", table[3]);
    }

    [Fact]
    public async Task Load_unpacks_gzip_compressed_layers_and_keeps_uncompressed_diff_ids()
    {
        var marker = LayerTars.Marker("gzipped", "was gzipped");
        var image = new ArchiveImage([LayerTars.Gzip(TestImages.BusyboxTar), LayerTars.Gzip(marker)], ["load/gzip:1"]) { Cmd = ["cat", "/etc/gzipped"] };

        await Load(ArchiveBuilder.DockerArchive([image]));

        Assert.Equal("was gzipped\n", await D.BerthOk("run", "--rm", "load/gzip:1"));
        Assert.Equal($"[{LayerTars.Digest(TestImages.BusyboxTar)} {LayerTars.Digest(marker)}]\n",
            await D.BerthOk("image", "inspect", "-f", "{{.RootFS.Layers}}", "load/gzip:1"));
    }

    [Fact]
    public async Task Load_of_a_hand_made_oci_layout_with_a_gzip_layer()
    {
        var image = new ArchiveImage([TestImages.BusyboxTar, LayerTars.Gzip(LayerTars.Marker("oci-gzip", "oci gzip"))], ["load/oci-gzip:2"]) { Cmd = ["cat", "/etc/oci-gzip"] };

        Assert.Equal("Loaded image: load/oci-gzip:2\n", await Load(ArchiveBuilder.OciLayout([image])));

        Assert.Equal(image.Id, await IdOf("load/oci-gzip:2"));
        Assert.Equal("oci gzip\n", await D.BerthOk("run", "--rm", "load/oci-gzip:2"));
    }

    [Fact]
    public async Task Load_of_an_untagged_image_prints_its_id()
    {
        var image = new ArchiveImage([LayerTars.Marker("untagged-load", "x")], []);

        Assert.Equal($"Loaded image ID: {image.Id}\n", await Load(ArchiveBuilder.DockerArchive([image])));
        Assert.Equal(image.Id, await IdOf(image.Id));
    }

    [Fact]
    public async Task Load_replaces_a_tag_that_pointed_elsewhere()
    {
        await D.BerthOk("tag", "busybox", "load/moved:1");
        var image = new ArchiveImage([LayerTars.Marker("moved-load", "x")], ["load/moved:1"]);

        await Load(ArchiveBuilder.DockerArchive([image]));

        Assert.Equal(image.Id, await IdOf("load/moved:1"));
        Assert.Equal("[\"busybox:latest\"]\n", await D.BerthOk("image", "inspect", "-f", "{{json .RepoTags}}", "busybox"));
    }
}
