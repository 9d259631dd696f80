using System.Diagnostics;
using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Containers;

/// <summary>create, start, stop, kill, wait, rm: what a user sees at each step, with a real berthd and runc.</summary>
public sealed class LifecycleTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    // A shell that reacts to a signal only after it said "ready", so the test never signals too early.
    private const string TrapTermExit42 = "trap 'echo got TERM; exit 42' TERM; echo ready; while true; do sleep 0.1; done";
    private const string IgnoreTerm = "trap '' TERM; echo ready; while true; do sleep 0.1; done";

    [Fact]
    public async Task Create_then_start_attached_prints_the_output_and_exits_with_the_container_code()
    {
        var id = (await D.BerthOk("create", "--name", "lc-create", "busybox", "sh", "-c", "echo hello; echo oops >&2; exit 4")).Trim();
        Assert.Matches("^[0-9a-f]{64}$", id);
        Assert.Equal("created", await D.InspectField("lc-create", "{{.State.Status}}"));

        var start = await D.Berth("start", "-a", "lc-create");

        Assert.Equal(4, start.ExitCode);
        Assert.Equal("hello\n", start.Stdout);
        Assert.Equal("oops\n", start.Stderr);
        Assert.Equal("exited", await D.InspectField(id, "{{.State.Status}}"));
    }

    [Fact]
    public async Task Run_detached_prints_the_full_id_and_leaves_the_container_running()
    {
        var r = await D.Berth("run", "-d", "--name", "lc-detached", "busybox", "sleep", "60");

        Assert.Equal(0, r.ExitCode);
        Assert.Matches("^[0-9a-f]{64}\n$", r.Stdout);
        Assert.Equal("", r.Stderr);
        Assert.Equal(r.Stdout.Trim(), await D.InspectField("lc-detached", "{{.Id}}"));
        Assert.Equal("true", await D.InspectField("lc-detached", "{{.State.Running}}"));
        await D.BerthOk("rm", "-f", "lc-detached");
    }

    [Fact]
    public async Task Stop_sends_TERM_and_a_container_that_traps_it_exits_with_its_own_code()
    {
        await D.BerthOk("run", "-d", "--name", "lc-trap", "busybox", "sh", "-c", TrapTermExit42);
        await D.WaitForOutputAsync("lc-trap", "ready");

        var clock = Stopwatch.StartNew();
        Assert.Equal("lc-trap\n", await D.BerthOk("stop", "lc-trap"));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stop took {clock.Elapsed}: the trap should end it at once");
        Assert.Equal("42\n", await D.BerthOk("wait", "lc-trap"));
        Assert.Contains("got TERM", await D.BerthOk("logs", "lc-trap"));
    }

    [Fact]
    public async Task Stop_kills_a_container_that_ignores_TERM_after_the_timeout()
    {
        await D.BerthOk("run", "-d", "--name", "lc-stubborn", "busybox", "sh", "-c", IgnoreTerm);
        await D.WaitForOutputAsync("lc-stubborn", "ready");

        var clock = Stopwatch.StartNew();
        await D.BerthOk("stop", "-t", "1", "lc-stubborn");

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(8));
        Assert.Equal("137", await D.InspectField("lc-stubborn", "{{.State.ExitCode}}"));
        Assert.Equal("exited", await D.InspectField("lc-stubborn", "{{.State.Status}}"));
    }

    [Fact]
    public async Task Stop_signal_given_at_run_is_what_stop_sends()
    {
        await D.BerthOk("run", "-d", "--name", "lc-usr1", "--stop-signal", "USR1", "busybox", "sh", "-c",
            "trap 'echo got USR1; exit 5' USR1; echo ready; while true; do sleep 0.1; done");
        await D.WaitForOutputAsync("lc-usr1", "ready");
        Assert.Equal("USR1", await D.InspectField("lc-usr1", "{{.Config.StopSignal}}"));

        await D.BerthOk("stop", "-t", "5", "lc-usr1");

        Assert.Equal("5", await D.InspectField("lc-usr1", "{{.State.ExitCode}}"));
        Assert.Contains("got USR1", await D.BerthOk("logs", "lc-usr1"));
    }

    [Fact]
    public async Task Stop_on_a_stopped_container_is_not_an_error()
    {
        await D.BerthOk("create", "--name", "lc-never-started", "busybox", "true");

        var r = await D.Berth("stop", "lc-never-started");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("lc-never-started\n", r.Stdout);
    }

    [Fact]
    public async Task Kill_sends_KILL_by_default_so_the_container_exits_137()
    {
        await D.BerthOk("run", "-d", "--name", "lc-kill", "busybox", "sleep", "60");

        Assert.Equal("lc-kill\n", await D.BerthOk("kill", "lc-kill"));

        Assert.Equal("137\n", await D.BerthOk("wait", "lc-kill"));
    }

    [Fact]
    public async Task Kill_with_a_signal_delivers_it_to_the_container_which_keeps_running()
    {
        await D.BerthOk("run", "-d", "--name", "lc-usr1-kill", "busybox", "sh", "-c",
            "trap 'echo got USR1' USR1; echo ready; while true; do sleep 0.1; done");
        await D.WaitForOutputAsync("lc-usr1-kill", "ready");

        await D.BerthOk("kill", "-s", "USR1", "lc-usr1-kill");

        await D.WaitForOutputAsync("lc-usr1-kill", "got USR1");
        Assert.Equal("true", await D.InspectField("lc-usr1-kill", "{{.State.Running}}"));
        await D.BerthOk("kill", "lc-usr1-kill");
        await D.BerthOk("wait", "lc-usr1-kill");
    }

    [Fact]
    public async Task Kill_on_a_stopped_container_fails_saying_it_is_not_running()
    {
        await D.BerthOk("create", "--name", "lc-kill-created", "busybox", "true");

        var r = await D.Berth("kill", "lc-kill-created");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("is not running", r.Stderr);
    }

    [Fact]
    public async Task Kill_with_an_unknown_signal_is_refused()
    {
        await D.BerthOk("create", "--name", "lc-kill-bad-signal", "busybox", "true");

        var r = await D.Berth("kill", "-s", "NOSUCHSIG", "lc-kill-bad-signal");

        Assert.Equal(1, r.ExitCode);
        Assert.Equal("Error response from daemon: Invalid signal: NOSUCHSIG\n", r.Stderr);
    }

    [Fact]
    public async Task Wait_blocks_until_the_exit_and_prints_the_code()
    {
        await D.BerthOk("run", "-d", "--name", "lc-wait", "busybox", "sh", "-c", "sleep 0.5; exit 7");

        Assert.Equal("7\n", await D.BerthOk("wait", "lc-wait"));
        // A container that has already exited answers at once with the same code.
        Assert.Equal("7\n", await D.BerthOk("wait", "lc-wait"));
    }

    [Fact]
    public async Task Rm_refuses_a_running_container_and_rm_force_removes_it()
    {
        await D.BerthOk("run", "-d", "--name", "lc-rm", "busybox", "sleep", "60");

        var refused = await D.Berth("rm", "lc-rm");
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("Error response from daemon: cannot remove container \"/lc-rm\": container is running: "
            + "stop the container before removing or force remove\n", refused.Stderr);
        Assert.Equal("true", await D.InspectField("lc-rm", "{{.State.Running}}"));

        Assert.Equal("lc-rm\n", await D.BerthOk("rm", "-f", "lc-rm"));

        var gone = await D.Berth("inspect", "lc-rm");
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("No such object: lc-rm", gone.Stderr);
    }

    [Fact]
    public async Task Rm_removes_an_exited_container()
    {
        await D.BerthOk("run", "--name", "lc-rm-exited", "busybox", "true");

        Assert.Equal("lc-rm-exited\n", await D.BerthOk("rm", "lc-rm-exited"));

        Assert.DoesNotContain("lc-rm-exited", await D.BerthOk("ps", "-a", "--format", "{{.Names}}"));
    }

    [Fact]
    public async Task Run_with_rm_removes_the_container_after_it_exits()
    {
        var r = await D.Berth("run", "--rm", "--name", "lc-autoremove", "busybox", "sh", "-c", "exit 2");

        Assert.Equal(2, r.ExitCode);
        Assert.DoesNotContain("lc-autoremove", await D.BerthOk("ps", "-a", "--format", "{{.Names}}"));
    }

    [Fact]
    public async Task An_exited_container_leaves_no_runtime_state_and_no_cgroup()
    {
        var id = (await D.BerthOk("run", "-d", "--name", "lc-tidy", "busybox", "sh", "-c", "echo up; sleep 0.3")).Trim();
        await D.WaitForInspectAsync(id, "{{.State.Status}}", s => s == "exited");

        Assert.False(Directory.Exists(Path.Combine(D.ExecRoot, "runc", id)), "runc's state directory is left");
        foreach (var controller in new[] { "pids", "memory", "unified" })
        {
            var dir = $"/sys/fs/cgroup/{controller}/berth-test/{id}";
            Assert.False(Directory.Exists(dir), $"{dir} is left");
        }
        // And it starts again from there (a fresh runc state, the old one fully gone).
        await D.BerthOk("start", "-a", "lc-tidy");
        await D.BerthOk("rm", "lc-tidy");
    }

    [Fact]
    public async Task Stop_timeout_given_at_run_is_the_default_for_stop()
    {
        await D.BerthOk("run", "-d", "--name", "lc-stop-timeout", "--stop-timeout", "1", "busybox", "sh", "-c", IgnoreTerm);
        await D.WaitForOutputAsync("lc-stop-timeout", "ready");

        var clock = Stopwatch.StartNew();
        await D.BerthOk("stop", "lc-stop-timeout");

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(8));
        Assert.Equal("137", await D.InspectField("lc-stop-timeout", "{{.State.ExitCode}}"));
    }

    [Fact]
    public async Task Stopping_a_container_run_with_rm_removes_it()
    {
        await D.BerthOk("run", "-d", "--rm", "--name", "lc-rm-on-stop", "busybox", "sleep", "60");

        await D.BerthOk("stop", "-t", "0", "lc-rm-on-stop");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await D.BerthOk("ps", "-aq", "--filter", "name=lc-rm-on-stop")).Length > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.Equal("", await D.BerthOk("ps", "-aq", "--filter", "name=lc-rm-on-stop"));
    }

    [Fact]
    public async Task Start_of_a_running_container_is_not_an_error()
    {
        await D.BerthOk("run", "-d", "--name", "lc-start-twice", "busybox", "sleep", "60");

        Assert.Equal("lc-start-twice\n", await D.BerthOk("start", "lc-start-twice"));

        await D.BerthOk("rm", "-f", "lc-start-twice");
    }

    [Fact]
    public async Task A_stopped_container_starts_again_and_its_logs_accumulate()
    {
        await D.BerthOk("run", "--name", "lc-again", "busybox", "echo", "hello");

        var again = await D.Berth("start", "-a", "lc-again");

        Assert.Equal("hello\n", again.Stdout);
        Assert.Equal("hello\nhello\n", await D.BerthOk("logs", "lc-again"));
    }
}
