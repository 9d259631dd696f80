using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Containers;

/// <summary>
/// The seeds' everyday loop, typed into a real terminal (tmux): `run -it debian:bookworm bash`,
/// install curl inside, leave; `diff` shows the new files; `commit` makes an image that has curl
/// while the original still has none.
/// </summary>
public sealed class InteractiveScenarioTests : IAsyncLifetime
{
    private BerthDaemon D = null!;
    private readonly string _session = "berth-seed-" + Guid.NewGuid().ToString("N")[..6];

    public async Task InitializeAsync()
    {
        D = await BerthDaemon.StartAsync();
        var tar = TestPaths.DebianTar ?? throw new InvalidOperationException("the Debian base tar is missing: run ./setup.sh");
        await D.BerthOk("import", tar, "debian:bookworm");
    }

    public async Task DisposeAsync()
    {
        await ProcessRunner.RunAsync("tmux", ["kill-session", "-t", _session]);
        await D.DisposeAsync();
    }

    private Task<ProcessResult> Tmux(params string[] args) => ProcessRunner.RunAsync("tmux", args);

    private async Task<string> WaitForScreenAsync(string text, int seconds)
    {
        var screen = "";
        for (var i = 0; i < seconds * 5; i++)
        {
            screen = (await Tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", _session)).Stdout;
            if (screen.Contains(text, StringComparison.Ordinal)) return screen;
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"'{text}' never appeared in the terminal:\n{screen}\n--- daemon log\n{D.Log}");
    }

    [Fact]
    public async Task Run_it_bash_install_curl_diff_commit_and_run_the_new_image()
    {
        var start = await Tmux("new-session", "-d", "-s", _session, "-x", "160", "-y", "50",
            $"BERTH_HOST={D.Host} {TestPaths.Cli} run -it --name seed debian:bookworm bash; echo SESSION-ENDED; sleep 600");
        Assert.True(start.ExitCode == 0, start.ToString());
        for (var i = 0; i < 150 && (await D.Berth("inspect", "-f", "{{.State.Status}}", "seed")).Stdout.Trim() != "running"; i++)
            await Task.Delay(200);

        // A real TTY inside: bash sees a terminal on stdin. (Markers are computed, so the echo of
        // the typed command does not match them.)
        await Tmux("send-keys", "-t", _session, "test -t 0 && echo IN-A-TTY-$((6*7))", "Enter");
        await WaitForScreenAsync("IN-A-TTY-42", 20);
        await Tmux("send-keys", "-t", _session,
            "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null && echo CURL-INSTALLED-$((6*7))", "Enter");
        await WaitForScreenAsync("CURL-INSTALLED-42", 300);
        await Tmux("send-keys", "-t", _session, "exit", "Enter");
        await WaitForScreenAsync("SESSION-ENDED", 30);
        Assert.Equal("exited 0", await D.InspectAsync("seed", "{{.State.Status}} {{.State.ExitCode}}"));

        var diff = await D.BerthOk("diff", "seed");
        Assert.Contains("A /usr/bin/curl\n", diff);
        Assert.Contains("C /usr/bin\n", diff);

        await D.BerthOk("commit", "seed", "my-debian:with-curl");

        var version = await D.BerthOk("run", "--rm", "my-debian:with-curl", "curl", "--version");
        Assert.StartsWith("curl ", version);
        var original = await D.Berth("run", "--rm", "debian:bookworm", "sh", "-c", "command -v curl");
        Assert.NotEqual(0, original.ExitCode);
        Assert.Equal("", original.Stdout);
    }
}
