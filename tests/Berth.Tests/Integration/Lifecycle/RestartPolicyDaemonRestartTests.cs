using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Lifecycle;

/// <summary>Restart policies across a berthd restart (the daemon is killed; containers live on under conmon).</summary>
public sealed class RestartPolicyDaemonRestartTests : IAsyncLifetime
{
    private readonly DaemonFixture _fixture = new();
    private BerthDaemon D => _fixture.Daemon;

    public Task InitializeAsync() => _fixture.InitializeAsync();
    public Task DisposeAsync() => _fixture.DisposeAsync();

    private Task<string> Inspect(string name, string format) => D.InspectAsync(name, format);

    private Task<string> WaitFor(string name, string format, Func<string, bool> done, int seconds = 10) =>
        D.WaitForInspectAsync(name, format, done, seconds);

    [Fact]
    public async Task Always_restarts_a_stopped_container_on_daemon_start_but_unless_stopped_and_no_stay_stopped()
    {
        await D.BerthOk("run", "-d", "--name", "always", "--restart", "always", "busybox", "sleep", "60");
        await D.BerthOk("run", "-d", "--name", "unless", "--restart", "unless-stopped", "busybox", "sleep", "60");
        await D.BerthOk("run", "-d", "--name", "plain", "busybox", "sleep", "60");
        await D.BerthOk("stop", "-t", "0", "always", "unless", "plain");

        await D.KillAsync();
        await D.StartProcessAsync();

        await WaitFor("always", "{{.State.Status}}", v => v == "running");
        Assert.Equal("exited", await Inspect("unless", "{{.State.Status}}"));
        Assert.Equal("exited", await Inspect("plain", "{{.State.Status}}"));
    }

    [Fact]
    public async Task Containers_that_exit_while_the_daemon_is_down_are_restarted_by_their_policy()
    {
        await D.BerthOk("run", "-d", "--name", "alw", "--restart", "always", "busybox", "sh", "-c", "sleep 1; exit 0");
        await D.BerthOk("run", "-d", "--name", "unl", "--restart", "unless-stopped", "busybox", "sh", "-c", "sleep 1; exit 0");
        await D.BerthOk("run", "-d", "--name", "onf", "--restart", "on-failure", "busybox", "sh", "-c", "sleep 1; exit 1");
        await D.BerthOk("run", "-d", "--name", "onf-ok", "--restart", "on-failure", "busybox", "sh", "-c", "sleep 1; exit 0");
        await D.KillAsync();
        await Task.Delay(1800);
        await D.StartProcessAsync();

        foreach (var name in new[] { "alw", "unl", "onf" })
            await WaitFor(name, "{{.RestartCount}}", v => int.Parse(v) >= 1);
        await Task.Delay(300);
        Assert.Equal("0 exited", await Inspect("onf-ok", "{{.RestartCount}} {{.State.Status}}"));
    }

    [Fact]
    public async Task A_container_killed_with_its_monitor_while_the_daemon_is_down_is_restarted_on_start()
    {
        await D.BerthOk("run", "-d", "--name", "lost", "--restart", "unless-stopped", "busybox", "sleep", "60");
        var conmon = await Inspect("lost", "{{.State.Pid}}");
        await D.KillAsync();
        // Kill the container's process and conmon together, as a host crash would: no exit file.
        var ppid = File.ReadAllText($"/proc/{conmon}/stat").Split(' ')[3];
        await ProcessRunner.RunAsync("kill", ["-9", ppid, conmon]);
        await Task.Delay(300);
        await D.StartProcessAsync();
        var status = await WaitFor("lost", "{{.State.Status}}", v => v == "running");
        Assert.Equal("running", status);
        Assert.NotEqual(conmon, await Inspect("lost", "{{.State.Pid}}"));
    }
}
