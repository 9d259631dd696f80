using System.Security.Cryptography;
using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Interactive;

/// <summary>
/// Stdin and attach without a TTY, with berth and with the docker CLI against berthd: piped stdin
/// and its end, `-a`, `start -ai`, `attach` with and without stdin, `--rm -d`, signals proxied
/// to a foreground `run`.
/// </summary>
public sealed class StdinAndAttachTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    /// <summary>Reads lines until "quit" (exit 9), answering each; a ticker shows an attach is connected.</summary>
    private const string LineEcho =
        "while true; do echo tick; sleep 0.2; done & while read l; do [ \"$l\" = quit ] && exit 9; echo \"got $l\"; done; echo eof";

    [Theory]
    [InlineData("berth")]
    [InlineData("docker")]
    public async Task Piped_stdin_reaches_run_i_and_its_end_lets_the_container_exit(string cli)
    {
        var cat = await D.Cli(cli, "hi\n"u8.ToArray(), "run", "-i", "--rm", "busybox", "cat");
        Assert.Equal(0, cat.ExitCode);
        Assert.Equal("hi\n", cat.Stdout);

        var count = await D.Cli(cli, "a\nb\n"u8.ToArray(), "run", "-i", "--rm", "busybox", "sh", "-c", "wc -l; echo done >&2; exit 3");
        Assert.Equal(3, count.ExitCode);
        Assert.Equal("2", count.Stdout.Trim());
        Assert.Equal("done\n", count.Stderr);

        // More than any buffer on the way, so nothing is lost or reordered before the end.
        var data = RandomNumberGenerator.GetBytes(3 << 20);
        var sum = await D.Cli(cli, data, "run", "-i", "--rm", "busybox", "md5sum");
        Assert.Equal(0, sum.ExitCode);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(data)) + "  -\n", sum.Stdout);
    }

    [Theory]
    [InlineData("berth")]
    [InlineData("docker")]
    public async Task Run_a_attaches_only_the_named_streams(string cli)
    {
        string[] both = ["busybox", "sh", "-c", "echo out; echo err >&2"];
        var stdout = await D.Cli(cli, null, ["run", "--rm", "-a", "stdout", .. both]);
        Assert.Equal((0, "out\n", ""), (stdout.ExitCode, stdout.Stdout, stdout.Stderr));
        var stderr = await D.Cli(cli, null, ["run", "--rm", "-a", "STDERR", .. both]);
        Assert.Equal((0, "", "err\n"), (stderr.ExitCode, stderr.Stdout, stderr.Stderr));
        var stdin = await D.Cli(cli, "piped\n"u8.ToArray(), "run", "--rm", "-i", "-a", "stdin", "-a", "stdout", "busybox", "cat");
        Assert.Equal((0, "piped\n"), (stdin.ExitCode, stdin.Stdout));

        var bad = await D.Cli(cli, null, "run", "--rm", "-a", "bogus", "busybox", "true");
        Assert.Equal(125, bad.ExitCode);
        Assert.Contains("invalid argument \"bogus\" for \"-a, --attach\" flag: valid streams are STDIN, STDOUT and STDERR", bad.Stderr);
        var detached = await D.Cli(cli, null, "run", "-d", "-a", "stdout", "busybox", "true");
        Assert.Equal(1, detached.ExitCode);
        Assert.Equal("conflicting options: cannot specify both --attach and --detach\n", detached.Stderr);
    }

    [Theory]
    [InlineData("berth")]
    [InlineData("docker")]
    public async Task Start_ai_sends_stdin_and_exits_with_the_container(string cli)
    {
        var name = "start-ai-" + cli;
        await D.BerthOk("create", "-i", "--name", name, "busybox", "sh", "-c", "cat; exit 4");
        var r = await D.Cli(cli, "via start\n"u8.ToArray(), "start", "-ai", name);
        Assert.Equal(4, r.ExitCode);
        Assert.Equal("via start\n", r.Stdout);
        Assert.Equal("exited 4", await D.InspectAsync(name, "{{.State.Status}} {{.State.ExitCode}}"));
    }

    [Theory]
    [InlineData("berth")]
    [InlineData("docker")]
    public async Task Attach_feeds_stdin_and_the_end_of_it_leaves_the_container_stdin_open(string cli)
    {
        var name = "attach-stdin-" + cli;
        await D.BerthOk("run", "-d", "-i", "--name", name, "busybox", "sh", "-c", LineEcho);
        await using var first = D.StartCli(cli, "attach", name);
        await first.WaitForOutputAsync("tick");
        await first.SendAsync("one\n");
        await first.WaitForOutputAsync("got one");
        // Without StdinOnce (run -d), an attach's EOF ends only that attach.
        first.CloseInput();

        await using var second = D.StartCli(cli, "attach", name);
        await second.WaitForOutputAsync("tick");
        await second.SendAsync("two\n");
        await second.WaitForOutputAsync("got two");
        await second.SendAsync("quit\n");
        Assert.Equal(9, await second.WaitForExitAsync());
        Assert.Equal(9, await first.WaitForExitAsync());
    }

    [Theory]
    [InlineData("berth")]
    [InlineData("docker")]
    public async Task Attach_no_stdin_shows_the_output_and_sends_nothing(string cli)
    {
        var name = "attach-no-stdin-" + cli;
        await D.BerthOk("run", "-d", "-i", "--name", name, "busybox", "sh", "-c", LineEcho);
        await using var watcher = D.StartCli(cli, "attach", "--no-stdin", name);
        await watcher.SendAsync("ignored\n");
        watcher.CloseInput();
        await watcher.WaitForOutputAsync("tick");

        await using var typist = D.StartCli(cli, "attach", name);
        await typist.WaitForOutputAsync("tick");
        await typist.SendAsync("marker\n");
        await watcher.WaitForOutputAsync("got marker");
        await typist.SendAsync("quit\n");
        Assert.Equal(9, await watcher.WaitForExitAsync());
        Assert.DoesNotContain("ignored", watcher.Output);
        Assert.Equal(9, await typist.WaitForExitAsync());
    }

    [Theory]
    [InlineData("berth")]
    [InlineData("docker")]
    public async Task Attach_to_a_stopped_container_is_refused(string cli)
    {
        var name = "attach-stopped-" + cli;
        await D.BerthOk("create", "--name", name, "busybox", "true");
        var r = await D.Cli(cli, null, "attach", name);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("You cannot attach to a stopped container, start it first\n", r.Stderr);
    }

    [Theory]
    [InlineData("berth")]
    [InlineData("docker")]
    public async Task Run_rm_d_removes_the_container_after_it_exits(string cli)
    {
        var name = "rm-detached-" + cli;
        var id = (await D.Cli(cli, null, "run", "--rm", "-d", "--name", name, "busybox", "sh", "-c", "sleep 0.5")).Stdout.Trim();
        Assert.Matches("^[0-9a-f]{64}$", id);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await D.Berth("inspect", name)).ExitCode == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{name} was not removed after it exited");
            await Task.Delay(100);
        }
        Assert.Equal("", (await D.BerthOk("ps", "-aq", "--filter", "name=" + name)).Trim());
    }

    [Theory]
    [InlineData("berth", "INT")]
    [InlineData("berth", "TERM")]
    [InlineData("docker", "INT")]
    [InlineData("docker", "TERM")]
    public async Task A_signal_to_a_foreground_run_is_passed_to_the_container(string cli, string signal)
    {
        // The signal's default action restored, in case the test runner was started with it ignored.
        await using var run = InteractiveProcess.Start("env", ["--default-signal=" + signal, ClientCli.ProgramOf(cli),
            "run", "--rm", "busybox", "sh", "-c", $"trap 'echo got {signal}; exit 42' {signal}; echo ready; while true; do sleep 0.1; done"],
            D.Environment());
        await run.WaitForOutputAsync("ready");
        using (var kill = System.Diagnostics.Process.Start("kill", ["-" + signal, run.Pid.ToString()])) await kill.WaitForExitAsync();
        Assert.Equal(42, await run.WaitForExitAsync());
        Assert.Contains($"got {signal}", run.Output);
    }

    [Fact]
    public async Task Resize_and_attach_answer_bad_requests_as_docker()
    {
        await D.BerthOk("create", "--name", "api-checks", "busybox", "true");
        var notRunning = await D.ApiAsync("POST", "/containers/api-checks/resize?h=10&w=20");
        Assert.Equal(409, notRunning.Status);
        Assert.Contains("is not running", notRunning.Body);
        Assert.Equal(400, (await D.ApiAsync("POST", "/containers/api-checks/resize?w=20")).Status);
        var keys = await D.ApiAsync("POST", "/containers/api-checks/attach?stream=1&stdout=1&detachKeys=ctrl-%3F%3F");
        Assert.Equal(400, keys.Status);
        Assert.Contains("Invalid detach keys (ctrl-??) provided", keys.Body);
    }
}
