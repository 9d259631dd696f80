using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Images;

/// <summary>
/// Bad names, unknown images and broken archives: each gets a clear error, and the images, blobs and
/// snapshots are exactly as before.
/// </summary>
public sealed class BadInputTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    /// <summary>Runs the bad command and checks it failed with the message and changed nothing.</summary>
    private async Task AssertRefused(string message, byte[]? stdin, params string[] args)
    {
        var before = await StoreState.CaptureAsync(D);

        var r = await D.BerthWithInput(stdin, args);

        Assert.True(r.ExitCode != 0, $"berth {string.Join(' ', args)} should have failed:\n{r}");
        Assert.Contains(message, r.Stderr);
        (await StoreState.CaptureAsync(D)).AssertUnchangedSince(before);
    }

    private static byte[] Truncated(byte[] data, int length) => data[..length];

    private static byte[] NotATar() => System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("this is not a tar archive, just text. ", 60)));

    [Fact]
    public Task Tag_to_an_uppercase_name_is_refused() =>
        AssertRefused("invalid reference format: repository name (library/Bad) must be lowercase", null, "tag", "busybox", "Bad:Name");

    [Fact]
    public Task Tag_to_a_malformed_name_is_refused() =>
        AssertRefused("invalid reference format", null, "tag", "busybox", "bad//name");

    [Fact]
    public Task Import_to_an_uppercase_name_is_refused() =>
        AssertRefused("invalid reference format: repository name (library/UPPER) must be lowercase", TestImages.BusyboxTar, "import", "-", "UPPER");

    [Fact]
    public async Task Unknown_image_is_reported_by_inspect_rmi_history_tag_and_save()
    {
        await AssertRefused("No such image: no-such-image:latest", null, "image", "inspect", "no-such-image");
        await AssertRefused("No such image: no-such-image:latest", null, "rmi", "no-such-image");
        await AssertRefused("No such image: no-such-image:2", null, "history", "no-such-image:2");
        await AssertRefused("No such image: no-such-image:latest", null, "tag", "no-such-image", "other:1");
        await AssertRefused("No such image: no-such-image:latest", null, "save", "-o", Path.Combine(D.Root, "none.tar"), "no-such-image");
        Assert.False(File.Exists(Path.Combine(D.Root, "none.tar")) && new FileInfo(Path.Combine(D.Root, "none.tar")).Length > 0);
    }

    [Fact]
    public async Task Run_of_an_unknown_image_exits_125_and_creates_nothing()
    {
        var before = await StoreState.CaptureAsync(D);

        var r = await D.Berth("run", "--rm", "no-such-image:1");

        Assert.Equal(125, r.ExitCode);
        Assert.Contains("Unable to find image 'no-such-image:1' locally", r.Stderr);
        Assert.Equal("", await D.BerthOk("ps", "-a", "-q"));
        (await StoreState.CaptureAsync(D)).AssertUnchangedSince(before);
    }

    [Fact]
    public Task Import_of_a_truncated_tar_is_refused() =>
        AssertRefused("unexpected EOF", Truncated(TestImages.BusyboxTar, 300_000), "import", "-", "bad/truncated");

    [Fact]
    public Task Import_of_bytes_that_are_not_a_tar_is_refused() =>
        AssertRefused("invalid tar header", NotATar(), "import", "-", "bad/not-a-tar");

    [Fact]
    public Task Import_of_a_truncated_gzip_is_refused() =>
        AssertRefused("unexpected EOF", Truncated(LayerTars.Gzip(TestImages.BusyboxTar), 200_000), "import", "-", "bad/truncated-gzip");

    [Fact]
    public async Task Load_of_a_truncated_archive_is_refused()
    {
        var image = new ArchiveImage([TestImages.BusyboxTar, LayerTars.Marker("truncated", "x")], ["bad/truncated-load:1"]);
        var archive = ArchiveBuilder.DockerArchive([image]);

        foreach (var length in new[] { 100_000, archive.Length - 3000, archive.Length - 1024 })
            await AssertRefused("unexpected EOF", Truncated(archive, length), "load");
    }

    [Fact]
    public Task Load_of_bytes_that_are_not_a_tar_is_refused() =>
        AssertRefused("invalid tar header", NotATar(), "load");

    [Fact]
    public Task Load_of_a_tar_that_is_no_image_archive_is_refused() =>
        AssertRefused("invalid archive: it has neither manifest.json nor index.json", LayerTars.Marker("plain", "just a rootfs"), "load");

    [Fact]
    public Task Load_of_a_layer_that_does_not_match_the_config_diff_id_is_refused()
    {
        var wrong = LayerTars.Digest(LayerTars.Marker("what-the-config-says", "y"));
        var image = new ArchiveImage([TestImages.BusyboxTar, LayerTars.Marker("what-the-archive-has", "x")], ["bad/diff-id:1"])
        {
            DiffIds = [LayerTars.Digest(TestImages.BusyboxTar), wrong],
        };

        return AssertRefused($"layer content does not match its diff ID: expected {wrong}", ArchiveBuilder.DockerArchive([image]), "load");
    }

    [Fact]
    public async Task Load_of_an_oci_blob_whose_content_does_not_match_its_name_is_refused()
    {
        var image = new ArchiveImage([LayerTars.Marker("renamed-blob", "x")], ["bad/blob-digest:1"]);
        var archive = ArchiveBuilder.OciLayout([image]);
        var layerName = "blobs/sha256/" + LayerTars.Digest(image.Layers[0])["sha256:".Length..];
        var swapped = LayerTars.Marker("renamed-blob", "not what the name says");
        var tampered = ReplaceEntry(archive, layerName, swapped);

        await AssertRefused("digest mismatch: expected " + LayerTars.Digest(image.Layers[0]), tampered, "load");
    }

    [Fact]
    public Task Load_of_a_docker_archive_missing_a_layer_is_refused()
    {
        var image = new ArchiveImage([TestImages.BusyboxTar, LayerTars.Marker("missing-layer", "x")], ["bad/missing-layer:1"]);

        return AssertRefused("invalid archive: layer layer01/layer.tar is missing",
            ArchiveBuilder.DockerArchive([image], skip: name => name == "layer01/layer.tar"), "load");
    }

    [Fact]
    public Task Load_of_an_oci_layout_missing_a_layer_blob_is_refused()
    {
        var marker = LayerTars.Marker("missing-blob", "x");
        var image = new ArchiveImage([TestImages.BusyboxTar, marker], ["bad/missing-blob:1"]);
        var blob = "blobs/sha256/" + LayerTars.Digest(marker)["sha256:".Length..];

        return AssertRefused($"invalid archive: layer blob {LayerTars.Digest(marker)} is missing",
            ArchiveBuilder.OciLayout([image], skip: name => name == blob), "load");
    }

    [Fact]
    public Task Load_of_an_archive_missing_its_config_is_refused()
    {
        var image = new ArchiveImage([LayerTars.Marker("missing-config", "x")], ["bad/missing-config:1"]);

        return AssertRefused("is missing", ArchiveBuilder.DockerArchive([image], skip: name => name.EndsWith(".json") && name != "manifest.json"), "load");
    }

    [Fact]
    public Task Load_with_one_bad_image_loads_none_of_them()
    {
        var good = new ArchiveImage([TestImages.BusyboxTar, LayerTars.Marker("good-of-two", "good")], ["bad/good-half:1"]);
        var bad = new ArchiveImage([LayerTars.Marker("bad-of-two", "bad")], ["bad/bad-half:1"]) { DiffIds = ["sha256:" + new string('a', 64)] };

        return AssertRefused("layer content does not match its diff ID", ArchiveBuilder.DockerArchive([good, bad]), "load");
    }

    /// <summary>The archive with one entry's content swapped for another of the same name.</summary>
    private static byte[] ReplaceEntry(byte[] archive, string name, byte[] content)
    {
        var output = new MemoryStream();
        using (var writer = new System.Formats.Tar.TarWriter(output, System.Formats.Tar.TarEntryFormat.Pax, leaveOpen: true))
        {
            using var reader = new System.Formats.Tar.TarReader(new MemoryStream(archive));
            while (reader.GetNextEntry(copyData: true) is { } entry)
            {
                if (entry.Name == name) entry.DataStream = new MemoryStream(content);
                writer.WriteEntry(entry);
            }
        }
        return output.ToArray();
    }
}
