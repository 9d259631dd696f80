using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Daemon;

/// <summary>
/// Live restore: berthd killed with SIGKILL leaves containers running (conmon holds them), and a
/// restarted berthd finds them, streams their logs and records how they end.
/// </summary>
public sealed class DaemonRestartTests : IAsyncLifetime
{
    private readonly DaemonFixture _fixture = new();
    private BerthDaemon D => _fixture.Daemon;

    public Task InitializeAsync() => _fixture.InitializeAsync();
    public Task DisposeAsync() => _fixture.DisposeAsync();

    private static bool ProcessAlive(int pid) => Directory.Exists($"/proc/{pid}");

    [Fact]
    public async Task Killed_daemon_leaves_the_container_running_and_a_restarted_one_shows_and_stops_it()
    {
        var id = (await D.BerthOk("run", "-d", "--name", "ticker", "busybox", "sh", "-c",
            "trap 'exit 42' TERM; i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done")).Trim();
        var pid = int.Parse((await D.BerthOk("inspect", "-f", "{{.State.Pid}}", id)).Trim());
        Assert.True(ProcessAlive(pid));

        await D.KillAsync();
        await Task.Delay(600);
        Assert.True(ProcessAlive(pid), "the container must outlive a killed daemon");

        await D.StartProcessAsync();
        Assert.Equal("running", (await D.BerthOk("inspect", "-f", "{{.State.Status}}", "ticker")).Trim());
        Assert.Contains("ticker", await D.BerthOk("ps", "--format", "{{.Names}}"));
        // Logs written while the daemon was down are there, and new ones keep coming.
        var before = (await D.BerthOk("logs", "ticker")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.True(before >= 3, $"expected the ticks written during the downtime, got {before}");
        await Task.Delay(500);
        var after = (await D.BerthOk("logs", "ticker")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.True(after > before);

        await D.BerthOk("stop", "ticker");
        Assert.Equal("42", (await D.BerthOk("inspect", "-f", "{{.State.ExitCode}}", "ticker")).Trim());
        Assert.False(ProcessAlive(pid));
    }

    [Fact]
    public async Task A_container_that_exits_while_the_daemon_is_down_has_its_exit_code_recorded()
    {
        await D.BerthOk("run", "-d", "--name", "short", "busybox", "sh", "-c", "sleep 1; exit 5");
        await D.BerthOk("run", "-d", "--rm", "--name", "gone", "busybox", "sh", "-c", "sleep 1; exit 0");
        await D.KillAsync();
        await Task.Delay(1800);
        await D.StartProcessAsync();

        Assert.Equal("5", (await D.BerthOk("wait", "short")).Trim());
        Assert.Contains("Exited (5)", await D.BerthOk("ps", "-a", "--filter", "name=short", "--format", "{{.Status}}"));
        // --rm is honoured for a container that ended during the downtime.
        for (var i = 0; i < 50 && (await D.Berth("inspect", "gone")).ExitCode == 0; i++) await Task.Delay(100);
        var inspect = await D.Berth("inspect", "gone");
        Assert.NotEqual(0, inspect.ExitCode);
        Assert.Contains("No such", inspect.Stderr);
    }

    [Fact]
    public async Task Logs_follow_across_a_restart_until_the_container_exits()
    {
        await D.BerthOk("run", "-d", "--name", "counter", "busybox", "sh", "-c", "for i in 1 2 3 4 5 6; do echo line $i; sleep 0.3; done");
        await D.KillAsync();
        await D.StartProcessAsync();
        var follow = await D.BerthOk("logs", "-f", "counter");
        Assert.Equal(Enumerable.Range(1, 6).Select(i => $"line {i}"), follow.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("0", (await D.BerthOk("inspect", "-f", "{{.State.ExitCode}}", "counter")).Trim());
    }

    [Fact]
    public async Task Images_containers_and_names_survive_a_restart()
    {
        await D.BerthOk("tag", "busybox", "keep:me");
        await D.BerthOk("create", "--name", "created-one", "-l", "k=v", "busybox", "true");
        Assert.Equal(2, (await D.Berth("run", "--name", "exited-one", "busybox", "sh", "-c", "echo data; exit 2")).ExitCode);
        var imagesBefore = await D.BerthOk("images", "--no-trunc", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}");
        var containersBefore = await D.BerthOk("ps", "-a", "--no-trunc", "--format", "{{.ID}} {{.Names}} {{.State}}");

        await D.KillAsync();
        await D.StartProcessAsync();

        Assert.Equal(imagesBefore, await D.BerthOk("images", "--no-trunc", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"));
        Assert.Equal(containersBefore, await D.BerthOk("ps", "-a", "--no-trunc", "--format", "{{.ID}} {{.Names}} {{.State}}"));
        Assert.Equal("data\n", await D.BerthOk("logs", "exited-one"));
        Assert.Equal("2", (await D.BerthOk("inspect", "-f", "{{.State.ExitCode}}", "exited-one")).Trim());
        Assert.Equal("v", (await D.BerthOk("inspect", "-f", "{{index .Config.Labels \"k\"}}", "created-one")).Trim());
        // The created container still starts after the restart.
        await D.BerthOk("start", "created-one");
        Assert.Equal("0", (await D.BerthOk("wait", "created-one")).Trim());
    }
}
