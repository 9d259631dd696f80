using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Lifecycle;

/// <summary>--restart policies with Docker's back-off, stop/kill ending them, `restart`, `update --restart`.</summary>
public sealed class RestartPolicyTests : IAsyncLifetime
{
    private readonly DaemonFixture _fixture = new();
    private BerthDaemon D => _fixture.Daemon;

    public Task InitializeAsync() => _fixture.InitializeAsync();
    public Task DisposeAsync() => _fixture.DisposeAsync();

    private Task<string> Inspect(string name, string format) => D.InspectAsync(name, format);

    private Task<string> WaitFor(string name, string format, Func<string, bool> done, int seconds = 10) =>
        D.WaitForInspectAsync(name, format, done, seconds);

    [Fact]
    public async Task On_failure_restarts_up_to_the_maximum_then_stays_exited()
    {
        await D.BerthOk("run", "-d", "--name", "fails", "--restart", "on-failure:2", "busybox", "sh", "-c", "echo run; exit 3");
        await WaitFor("fails", "{{.RestartCount}} {{.State.Status}}", v => v == "2 exited");
        await Task.Delay(800);
        Assert.Equal("2 exited 3", await Inspect("fails", "{{.RestartCount}} {{.State.Status}} {{.State.ExitCode}}"));
        Assert.Equal("run\nrun\nrun\n", await D.BerthOk("logs", "fails"));
        Assert.Equal("on-failure 2", await Inspect("fails", "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}"));
    }

    [Fact]
    public async Task On_failure_does_not_restart_a_clean_exit_and_no_never_restarts()
    {
        await D.BerthOk("run", "-d", "--name", "clean", "--restart", "on-failure", "busybox", "true");
        await D.BerthOk("run", "-d", "--name", "never", "busybox", "sh", "-c", "exit 1");
        await Task.Delay(1000);
        Assert.Equal("0 exited", await Inspect("clean", "{{.RestartCount}} {{.State.Status}}"));
        Assert.Equal("0 exited", await Inspect("never", "{{.RestartCount}} {{.State.Status}}"));
    }

    [Fact]
    public async Task Always_restarts_with_growing_back_off_and_shows_restarting_while_it_waits()
    {
        await D.BerthOk("run", "-d", "--name", "loop", "--restart", "always", "busybox", "sh", "-c", "exit 4");
        // 100+200+400+800 ms of back-off: about four restarts in two seconds.
        await Task.Delay(2000);
        var count = int.Parse(await Inspect("loop", "{{.RestartCount}}"));
        Assert.InRange(count, 3, 6);
        // After the fifth exit the wait is 1.6 s: long enough to look at it.
        await WaitFor("loop", "{{.RestartCount}} {{.State.Status}}", v => v == "5 restarting", 8);
        Assert.Equal("true true 4 0", await Inspect("loop", "{{.State.Restarting}} {{.State.Running}} {{.State.ExitCode}} {{.State.Pid}}"));
        Assert.Matches(@"^Restarting \(4\) ", (await D.BerthOk("ps", "--filter", "name=loop", "--format", "{{.Status}}")).Trim());
        Assert.Equal("loop\n", await D.BerthOk("ps", "--filter", "status=restarting", "--format", "{{.Names}}"));

        // stop of a container waiting to restart ends the policy at once.
        await D.BerthOk("stop", "loop");
        Assert.Equal("exited 4", await Inspect("loop", "{{.State.Status}} {{.State.ExitCode}}"));
        var stopped = await Inspect("loop", "{{.RestartCount}}");
        await Task.Delay(2000);
        Assert.Equal(stopped + " exited", await Inspect("loop", "{{.RestartCount}} {{.State.Status}}"));
    }

    [Fact]
    public async Task Stop_and_kill_end_the_policy_and_start_begins_it_afresh()
    {
        await D.BerthOk("run", "-d", "--name", "svc", "--restart", "always", "busybox", "sleep", "60");
        await D.BerthOk("run", "-d", "--name", "svc2", "--restart", "unless-stopped", "busybox", "sleep", "60");
        await D.BerthOk("stop", "-t", "1", "svc");
        await D.BerthOk("kill", "svc2");
        await Task.Delay(800);
        Assert.Equal("exited 0", await Inspect("svc", "{{.State.Status}} {{.RestartCount}}"));
        Assert.Equal("exited 0", await Inspect("svc2", "{{.State.Status}} {{.RestartCount}}"));

        // The policy is back after a start: the process dying on its own is restarted.
        await D.BerthOk("start", "svc");
        var pid = await Inspect("svc", "{{.State.Pid}}");
        Assert.Equal(0, (await ProcessRunner.RunAsync("kill", ["-9", pid])).ExitCode);
        await WaitFor("svc", "{{.RestartCount}} {{.State.Status}}", v => v == "1 running");
        Assert.NotEqual(pid, await Inspect("svc", "{{.State.Pid}}"));
    }

    [Fact]
    public async Task Restart_command_stops_and_starts_with_a_timeout()
    {
        await D.BerthOk("run", "-d", "--name", "rs", "busybox", "sh", "-c", "trap '' TERM; echo up; while true; do sleep 0.1; done");
        var pid = await Inspect("rs", "{{.State.Pid}}");
        var started = DateTime.UtcNow;
        Assert.Equal("rs\n", await D.BerthOk("restart", "-t", "1", "rs"));
        Assert.InRange((DateTime.UtcNow - started).TotalSeconds, 0.9, 8);
        Assert.Equal("running", await Inspect("rs", "{{.State.Status}}"));
        Assert.NotEqual(pid, await Inspect("rs", "{{.State.Pid}}"));
    }

    [Fact]
    public async Task Update_changes_the_restart_policy_and_refuses_it_with_rm()
    {
        await D.BerthOk("run", "-d", "--name", "upd", "busybox", "sleep", "60");
        Assert.Equal("upd\n", await D.BerthOk("update", "--restart", "on-failure:3", "upd"));
        Assert.Equal("on-failure 3", await Inspect("upd", "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}"));
        var pid = await Inspect("upd", "{{.State.Pid}}");
        await ProcessRunner.RunAsync("kill", ["-9", pid]);
        await WaitFor("upd", "{{.RestartCount}} {{.State.Status}}", v => v == "1 running");

        await D.BerthOk("run", "-d", "--rm", "--name", "auto", "busybox", "sleep", "60");
        var r = await D.Berth("update", "--restart", "always", "auto");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Restart policy cannot be updated because AutoRemove is enabled for the container", r.Stderr);

        var d = await D.DockerOk("update", "--restart", "unless-stopped", "upd");
        Assert.Equal("upd\n", d);
        Assert.Equal("unless-stopped", await Inspect("upd", "{{.HostConfig.RestartPolicy.Name}}"));
        r = await D.Berth("run", "--rm", "--restart", "always", "busybox", "true");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("conflicting options: cannot specify both --restart and --rm", r.Stderr);
    }

    [Fact]
    public async Task The_docker_cli_sets_a_policy_and_sees_the_restarts()
    {
        await D.DockerOk("run", "-d", "--name", "dk", "--restart", "on-failure:1", "busybox", "sh", "-c", "exit 2");
        await WaitFor("dk", "{{.RestartCount}} {{.State.Status}}", v => v == "1 exited");
        Assert.Equal("1 on-failure 1", (await D.DockerOk("inspect", "-f", "{{.RestartCount}} {{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}", "dk")).Trim());
        await D.DockerOk("run", "-d", "--name", "dk2", "--restart", "always", "busybox", "sleep", "60");
        Assert.Equal("dk2\n", await D.DockerOk("restart", "-t", "0", "dk2"));
        Assert.Equal("running", (await D.DockerOk("inspect", "-f", "{{.State.Status}}", "dk2")).Trim());
    }

    [Fact]
    public async Task Force_removal_of_a_running_or_restarting_container_with_a_policy_leaves_nothing_behind()
    {
        await D.BerthOk("run", "-d", "--name", "rm-run", "--restart", "always", "busybox", "sleep", "60");
        await D.BerthOk("run", "-d", "--name", "rm-loop", "--restart", "always", "busybox", "sh", "-c", "exit 1");
        await WaitFor("rm-loop", "{{.RestartCount}}", v => int.Parse(v) >= 3);
        await D.BerthOk("rm", "-f", "rm-run", "rm-loop");
        await Task.Delay(1500);
        Assert.Equal("", await D.BerthOk("ps", "-a", "--format", "{{.Names}}"));
    }
}
