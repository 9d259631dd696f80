using System.Formats.Tar;
using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Containers;

/// <summary>`export`: the merged filesystem of a container, stopped or running, as a tar.</summary>
public sealed class ExportTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    private static Dictionary<string, string?> Entries(string tarPath)
    {
        var entries = new Dictionary<string, string?>();
        using var reader = new TarReader(File.OpenRead(tarPath));
        while (reader.GetNextEntry() is { } e)
            entries[e.Name] = e.DataStream is null ? null : new StreamReader(e.DataStream).ReadToEnd();
        return entries;
    }

    [Fact]
    public async Task Export_of_a_stopped_container_holds_image_files_and_changes_but_not_deletions()
    {
        await D.BerthOk("run", "--name", "export-stopped", "busybox", "sh", "-c", "echo new > /new.txt; rm /etc/group; mkdir /d");
        var file = Path.Combine(D.Root, "export-stopped.tar");

        await D.BerthOk("export", "-o", file, "export-stopped");

        var entries = Entries(file);
        Assert.Equal("new\n", entries["new.txt"]);
        Assert.True(entries.ContainsKey("bin/busybox"));
        Assert.True(entries.ContainsKey("etc/passwd"));
        Assert.True(entries.ContainsKey("d/"));
        Assert.False(entries.ContainsKey("etc/group"));
        Assert.DoesNotContain(entries.Keys, k => k.Contains(".wh."));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(D.ExecRoot, "rootfs-views")));
    }

    [Fact]
    public async Task Docker_export_of_a_running_container_streams_to_stdout_redirected()
    {
        await D.DockerOk("run", "-d", "--name", "export-running", "busybox", "sh", "-c", "echo live > /live.txt; sleep 60");
        for (var i = 0; i < 50 && !(await D.BerthOk("diff", "export-running")).Contains("A /live.txt"); i++) await Task.Delay(100);
        var file = Path.Combine(D.Root, "export-running.tar");

        await D.DockerOk("export", "-o", file, "export-running");

        Assert.Equal("live\n", Entries(file)["live.txt"]);
        await D.BerthOk("rm", "-f", "export-running");
    }

    [Fact]
    public async Task Export_to_stdout_gives_the_tar_and_an_imported_export_runs()
    {
        await D.BerthOk("run", "--name", "export-stdout", "busybox", "sh", "-c", "echo round > /trip");
        var file = Path.Combine(D.Root, "export-stdout.tar");
        var r = await D.Berth("export", "export-stdout");
        Assert.Equal(0, r.ExitCode);

        await D.BerthOk("export", "-o", file, "export-stdout");
        await D.BerthWithInput(await File.ReadAllBytesAsync(file), "import", "-", "exported:latest");
        Assert.Equal("round\n", await D.BerthOk("run", "--rm", "exported", "cat", "/trip"));
    }
}
