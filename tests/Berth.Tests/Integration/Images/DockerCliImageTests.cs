using System.Text.Json;
using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Images;

/// <summary>The real docker CLI on images: images, image inspect / inspect, save | load.</summary>
public sealed class DockerCliImageTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    [Fact]
    public async Task Images_lists_busybox_under_docker_header()
    {
        var lines = (await D.DockerOk("images")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Matches(@"^REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE$", lines[0]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^busybox\s+latest\s+[0-9a-f]{12}\s+.+\s+\d+(\.\d+)?MB$"));
    }

    [Fact]
    public async Task Image_inspect_and_inspect_describe_the_same_image()
    {
        using var doc = JsonDocument.Parse(await D.DockerOk("image", "inspect", "busybox"));
        var image = doc.RootElement[0];
        var id = image.GetProperty("Id").GetString()!;

        Assert.Matches("^sha256:[0-9a-f]{64}$", id);
        Assert.Equal(["busybox:latest"], image.GetProperty("RepoTags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["sh"], image.GetProperty("Config").GetProperty("Cmd").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(id + "\n", await D.DockerOk("inspect", "-f", "{{.Id}}", "busybox"));
        Assert.Equal(id + "\n", await D.DockerOk("inspect", "--type", "image", "-f", "{{.Id}}", "busybox"));
    }

    [Fact]
    public async Task Save_then_load_brings_back_several_images_with_their_ids_and_tags()
    {
        // One image sharing busybox's layer, one with a layer of its own, so load has both to do.
        await Import(TestImages.BusyboxTar, "saved/one:1", "ENV ROUND=trip");
        await Import(LayerTars.Marker("saved-two", "two"), "saved/two:2");
        var idOne = (await D.DockerOk("image", "inspect", "-f", "{{.Id}}", "saved/one:1")).Trim();
        var idTwo = (await D.DockerOk("image", "inspect", "-f", "{{.Id}}", "saved/two:2")).Trim();
        var archive = Path.Combine(D.Root, "saved.tar");

        await D.DockerOk("save", "-o", archive, "saved/one:1", "saved/two:2");
        await D.DockerOk("rmi", "saved/one:1", "saved/two:2");
        Assert.Equal("", await D.DockerOk("images", "-q", "saved/*"));

        var load = await D.Docker("load", "-i", archive);

        Assert.Equal(0, load.ExitCode);
        Assert.Contains("Loaded image: saved/one:1", load.Stdout);
        Assert.Contains("Loaded image: saved/two:2", load.Stdout);
        Assert.Equal(idOne, (await D.DockerOk("image", "inspect", "-f", "{{.Id}}", "saved/one:1")).Trim());
        Assert.Equal(idTwo, (await D.DockerOk("image", "inspect", "-f", "{{.Id}}", "saved/two:2")).Trim());
        var run = await D.Docker("run", "--rm", "saved/one:1", "sh", "-c", "echo $ROUND");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("trip\n", run.Stdout);
    }

    [Fact]
    public async Task Save_to_stdout_and_load_from_stdin_round_trip()
    {
        await Import(LayerTars.Concat(TestImages.BusyboxTar, LayerTars.Marker("piped", "through a pipe")), "piped:1");
        var id = (await D.DockerOk("image", "inspect", "-f", "{{.Id}}", "piped:1")).Trim();
        var archive = Path.Combine(D.Root, "piped.tar");
        var save = await ProcessRunner.RunAsync("sh", ["-c", "\"$0\" -H \"$1\" save piped:1 > \"$2\"", TestPaths.Docker, D.Host, archive]);
        Assert.Equal(0, save.ExitCode);
        await D.DockerOk("rmi", "piped:1");

        var load = await D.DockerWithInput(await File.ReadAllBytesAsync(archive), "load");

        Assert.Equal(0, load.ExitCode);
        Assert.Equal(id, (await D.DockerOk("image", "inspect", "-f", "{{.Id}}", "piped:1")).Trim());
        Assert.Equal("through a pipe\n", await D.DockerOk("run", "--rm", "piped:1", "cat", "/etc/piped"));
    }

    private async Task Import(byte[] tar, string name, params string[] changes)
    {
        var args = changes.SelectMany(c => new[] { "-c", c }).Concat(["-c", "CMD [\"sh\"]", "-", name]).Prepend("import").ToArray();
        var r = await D.BerthWithInput(tar, args);
        if (r.ExitCode != 0) throw new Xunit.Sdk.XunitException($"import {name} failed: {r}");
    }
}
