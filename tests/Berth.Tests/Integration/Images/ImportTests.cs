using System.Text.Json;
using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Images;

/// <summary>`berth import`: a rootfs tarball (stdin, file, gzip) becomes a one-layer image, -c sets its config.</summary>
public sealed class ImportTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private static readonly string BusyboxDiffId = LayerTars.Digest(TestImages.BusyboxTar);

    private BerthDaemon D => fixture.Daemon;

    private async Task<JsonElement> Inspect(string image)
    {
        using var doc = JsonDocument.Parse(await D.BerthOk("image", "inspect", image));
        return doc.RootElement[0].Clone();
    }

    private static List<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()).ToList();

    [Fact]
    public async Task Import_from_stdin_prints_the_image_id_and_tags_it()
    {
        var r = await D.BerthWithInput(TestImages.BusyboxTar, "import", "-", "imported/stdin:v1");

        Assert.Equal(0, r.ExitCode);
        Assert.Matches("^sha256:[0-9a-f]{64}\n$", r.Stdout);
        var image = await Inspect("imported/stdin:v1");
        Assert.Equal(r.Stdout.Trim(), image.GetProperty("Id").GetString());
        Assert.Equal(["imported/stdin:v1"], Strings(image.GetProperty("RepoTags")));
        Assert.Equal("Imported from -", image.GetProperty("Comment").GetString());
        Assert.Equal("hello\n", await D.BerthOk("run", "--rm", "imported/stdin:v1", "echo", "hello"));
    }

    [Fact]
    public async Task Import_from_a_file_stores_the_same_layer_as_from_stdin()
    {
        var file = Path.Combine(D.Root, "rootfs.tar");
        await File.WriteAllBytesAsync(file, TestImages.BusyboxTar);

        await D.BerthOk("import", file, "imported/file");

        var image = await Inspect("imported/file");
        Assert.Equal(["imported/file:latest"], Strings(image.GetProperty("RepoTags")));
        Assert.Equal([BusyboxDiffId], Strings(image.GetProperty("RootFS").GetProperty("Layers")));
        Assert.Equal("from a file\n", await D.BerthOk("run", "--rm", "imported/file", "echo", "from a file"));
    }

    [Fact]
    public async Task Import_of_a_missing_file_says_so_and_adds_nothing()
    {
        var before = await StoreState.CaptureAsync(D);

        var r = await D.Berth("import", Path.Combine(D.Root, "no-such.tar"), "imported/missing");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("no such file or directory", r.Stderr);
        (await StoreState.CaptureAsync(D)).AssertUnchangedSince(before);
    }

    [Fact]
    public async Task Import_of_a_gzip_tarball_records_the_diff_id_of_the_uncompressed_tar()
    {
        var r = await D.BerthWithInput(LayerTars.Gzip(TestImages.BusyboxTar), "import", "-", "imported/gzip");

        Assert.Equal(0, r.ExitCode);
        var image = await Inspect("imported/gzip");
        Assert.Equal([BusyboxDiffId], Strings(image.GetProperty("RootFS").GetProperty("Layers")));
        Assert.Equal("gz\n", await D.BerthOk("run", "--rm", "imported/gzip", "echo", "gz"));
    }

    [Fact]
    public async Task Import_without_a_name_leaves_an_untagged_image()
    {
        var id = (await D.BerthWithInput(LayerTars.Marker("untagged", "x"), "import", "-")).Stdout.Trim();

        var image = await Inspect(id);
        Assert.Empty(Strings(image.GetProperty("RepoTags")));
        Assert.Contains($"<none>:<none> {id}", await D.BerthOk("images", "--no-trunc", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"));
    }

    [Fact]
    public async Task Changes_set_cmd_env_entrypoint_workdir_and_exposed_ports()
    {
        var r = await D.BerthWithInput(TestImages.BusyboxTar, "import",
            "-c", "ENV GREETING=hello WHO=world",
            "-c", "ENTRYPOINT [\"/bin/sh\", \"-c\"]",
            "-c", "CMD [\"echo $GREETING $WHO from $(pwd)\"]",
            "-c", "WORKDIR /srv/app",
            "-c", "EXPOSE 8080/tcp 53/udp",
            "-", "imported/config");
        Assert.Equal(0, r.ExitCode);

        var config = (await Inspect("imported/config")).GetProperty("Config");
        Assert.Equal(["echo $GREETING $WHO from $(pwd)"], Strings(config.GetProperty("Cmd")));
        Assert.Equal(["GREETING=hello", "WHO=world"], Strings(config.GetProperty("Env")));
        Assert.Equal(["/bin/sh", "-c"], Strings(config.GetProperty("Entrypoint")));
        Assert.Equal("/srv/app", config.GetProperty("WorkingDir").GetString());
        Assert.Equal(["53/udp", "8080/tcp"], config.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        Assert.Equal("hello world from /srv/app\n", await D.BerthOk("run", "--rm", "imported/config"));
        Assert.Equal("args replace cmd\n", await D.BerthOk("run", "--rm", "imported/config", "echo args replace cmd"));
    }

    [Fact]
    public async Task Message_becomes_the_comment_and_the_history_entry()
    {
        await D.BerthWithInput(TestImages.BusyboxTar, "import", "-m", "nightly rootfs", "-", "imported/message");

        Assert.Equal("nightly rootfs\n", await D.BerthOk("image", "inspect", "-f", "{{.Comment}}", "imported/message"));
        var history = (await D.BerthOk("history", "--format", "{{.CreatedBy}}|{{.Comment}}", "imported/message")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["|nightly rootfs"], history);
    }

    [Fact]
    public async Task An_invalid_change_is_refused()
    {
        var before = await StoreState.CaptureAsync(D);

        var r = await D.BerthWithInput(TestImages.BusyboxTar, "import", "-c", "RUN echo no", "-", "imported/badchange");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("run is not a valid change command", r.Stderr);
        (await StoreState.CaptureAsync(D)).AssertUnchangedSince(before);
    }
}
