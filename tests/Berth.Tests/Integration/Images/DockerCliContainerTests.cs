using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Images;

/// <summary>The real docker CLI driving berthd through a container's life: run, ps, logs, stop, kill, rm.</summary>
public sealed class DockerCliContainerTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    private async Task<List<string>> NamesInPsA() =>
        (await D.DockerOk("ps", "-a", "--format", "{{.Names}}")).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    [Fact]
    public async Task Run_prints_the_output_and_exits_with_the_container_code()
    {
        var r = await D.Docker("run", "--rm", "busybox", "sh", "-c", "echo out; echo err >&2; exit 3");

        Assert.Equal(3, r.ExitCode);
        Assert.Equal("out\n", r.Stdout);
        Assert.Equal("err\n", r.Stderr);
    }

    [Fact]
    public async Task Run_with_rm_leaves_nothing_in_ps_a()
    {
        var r = await D.Docker("run", "--rm", "--name", "gone-after-exit", "busybox", "true");

        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain("gone-after-exit", await NamesInPsA());
    }

    [Fact]
    public async Task Ps_shows_running_containers_and_ps_a_the_exited_ones_too()
    {
        var runningId = (await D.DockerOk("run", "-d", "--name", "ps-running", "busybox", "sleep", "60")).Trim();
        await D.Docker("run", "--name", "ps-exited", "busybox", "sh", "-c", "exit 3");

        var running = await D.DockerOk("ps", "--format", "{{.Names}} {{.Image}} {{.Command}}");
        Assert.Contains("ps-running busybox \"sleep 60\"", running);
        Assert.DoesNotContain("ps-exited", running);

        var all = await D.DockerOk("ps", "-a", "--format", "{{.Names}}|{{.Status}}");
        Assert.Contains("ps-running|Up ", all);
        Assert.Matches(@"ps-exited\|Exited \(3\) ", all);

        var quiet = (await D.DockerOk("ps", "-q")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(runningId[..12], quiet);
        Assert.All(quiet, id => Assert.Matches("^[0-9a-f]{12}$", id));
        Assert.Contains(runningId, (await D.DockerOk("ps", "-a", "-q", "--no-trunc")).Split('\n'));

        var table = await D.DockerOk("ps", "-a");
        Assert.StartsWith("CONTAINER ID   IMAGE", table);
        await D.DockerOk("rm", "-f", "ps-running", "ps-exited");
    }

    [Fact]
    public async Task Logs_keeps_stdout_and_stderr_apart()
    {
        await D.Docker("run", "--name", "logs-apart", "busybox", "sh", "-c", "echo to-out; echo to-err >&2");

        var r = await D.Docker("logs", "logs-apart");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("to-out\n", r.Stdout);
        Assert.Equal("to-err\n", r.Stderr);
        await D.DockerOk("rm", "logs-apart");
    }

    [Fact]
    public async Task Stop_sends_sigterm_and_the_container_exits_with_its_own_code()
    {
        await D.DockerOk("run", "-d", "--name", "stop-trap", "busybox", "sh", "-c", "trap 'exit 0' TERM; while :; do sleep 0.1; done");

        var r = await D.Docker("stop", "stop-trap");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("stop-trap\n", r.Stdout);
        Assert.Equal("exited 0", (await D.DockerOk("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "stop-trap")).Trim());
        Assert.Matches(@"^Exited \(0\) ", await D.DockerOk("ps", "-a", "--filter", "name=stop-trap", "--format", "{{.Status}}"));
        await D.DockerOk("rm", "stop-trap");
    }

    [Fact]
    public async Task Stop_kills_a_container_that_ignores_sigterm_after_the_timeout()
    {
        // sleep as PID 1 has no SIGTERM handler, so the kernel ignores the signal.
        await D.DockerOk("run", "-d", "--name", "stop-deaf", "busybox", "sleep", "60");

        await D.DockerOk("stop", "-t", "1", "stop-deaf");

        Assert.Equal("exited 137", (await D.DockerOk("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "stop-deaf")).Trim());
        await D.DockerOk("rm", "stop-deaf");
    }

    [Fact]
    public async Task Kill_has_stopped_the_container_by_the_time_it_returns()
    {
        await D.DockerOk("run", "-d", "--name", "kill-me", "busybox", "sleep", "60");

        var r = await D.Docker("kill", "kill-me");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("kill-me\n", r.Stdout);
        Assert.Equal("exited 137", (await D.DockerOk("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "kill-me")).Trim());
        await D.DockerOk("rm", "kill-me");
    }

    [Fact]
    public async Task Rm_refuses_a_running_container_and_rm_f_removes_it()
    {
        await D.DockerOk("run", "-d", "--name", "rm-running", "busybox", "sleep", "60");

        var refused = await D.Docker("rm", "rm-running");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("cannot remove container \"/rm-running\": container is running: stop the container before removing or force remove", refused.Stderr);
        Assert.Contains("rm-running", await NamesInPsA());

        var forced = await D.Docker("rm", "-f", "rm-running");
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal("rm-running\n", forced.Stdout);
        Assert.DoesNotContain("rm-running", await NamesInPsA());
    }

    [Fact]
    public async Task Rm_of_an_unknown_container_says_no_such_container()
    {
        var r = await D.Docker("rm", "no-such-container");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("No such container: no-such-container", r.Stderr);
    }
}
