using System.Text.Json;
using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Lifecycle;

/// <summary>`top` lists a container's processes from its cgroup; `container prune` removes the stopped ones.</summary>
public sealed class TopAndPruneTests : IAsyncLifetime
{
    private readonly DaemonFixture _fixture = new();
    private BerthDaemon D => _fixture.Daemon;

    public Task InitializeAsync() => _fixture.InitializeAsync();
    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task Top_shows_the_container_processes_only()
    {
        await D.BerthOk("run", "-d", "--name", "tp", "busybox", "sh", "-c", "sleep 61 & sleep 62");
        await Task.Delay(300);
        var pid = (await D.BerthOk("inspect", "-f", "{{.State.Pid}}", "tp")).Trim();
        var lines = (await D.BerthOk("top", "tp")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^UID\s+PID\s+PPID\s+C\s+STIME\s+TTY\s+TIME\s+CMD$", lines[0]);
        // busybox sh execs its last command: the two sleeps are all there is.
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains("sleep 61", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("sleep 62", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] == pid);

        var custom = (await D.BerthOk("top", "tp", "-o", "pid,comm")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^PID\s+COMMAND$", custom[0]);
        Assert.Equal(3, custom.Length);

        var docker = await D.DockerOk("top", "tp");
        Assert.Contains("sleep 62", docker);

        await D.BerthOk("create", "--name", "idle", "busybox", "true");
        var r = await D.Berth("top", "idle");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("is not running", r.Stderr);
    }

    [Fact]
    public async Task Prune_removes_stopped_containers_matching_the_filters()
    {
        await D.BerthOk("run", "-d", "--name", "keep-running", "busybox", "sleep", "60");
        await D.BerthOk("create", "--name", "created", "busybox", "true");
        var exited = (await D.BerthOk("run", "-d", "--name", "exited", "-l", "tier=a", "busybox", "sh", "-c", "echo data > /f")).Trim();
        await D.BerthOk("wait", "exited");

        var labelled = await D.BerthOk("container", "prune", "-f", "--filter", "label=tier=a");
        Assert.Equal($"Deleted Containers:\n{exited}\n\nTotal reclaimed space: ", labelled[..(labelled.IndexOf("space: ", StringComparison.Ordinal) + 7)]);
        Assert.Matches(@"Total reclaimed space: \d+(\.\d+)?k?B\n$", labelled);

        var none = await D.BerthOk("container", "prune", "-f", "--filter", "until=1h");
        Assert.Equal("Total reclaimed space: 0B\n", none);

        var json = await D.DockerOk("container", "prune", "-f");
        Assert.Contains("Deleted Containers:", json);
        var names = await D.BerthOk("ps", "-a", "--format", "{{.Names}}");
        Assert.Equal("keep-running\n", names);
    }
}
