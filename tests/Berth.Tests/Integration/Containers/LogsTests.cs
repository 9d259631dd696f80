using System.Diagnostics;
using System.Globalization;
using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Containers;

/// <summary>`logs`: streams kept apart, timestamps, --tail, --since/--until and -f, mostly over <see cref="PacedLogsFixture"/>'s "paced".</summary>
public sealed class LogsTests(PacedLogsFixture fixture) : IClassFixture<PacedLogsFixture>
{
    private BerthDaemon D => fixture.Daemon;

    private const string Rfc3339NanoUtc = "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{9}Z";

    /// <summary>The time `logs -t` printed for the stdout line <paramref name="text"/>.</summary>
    private async Task<string> TimestampOf(string text)
    {
        var line = (await D.BerthOk("logs", "-t", "paced")).Split('\n').Single(l => l.EndsWith(" " + text, StringComparison.Ordinal));
        return line[..line.IndexOf(' ')];
    }

    [Fact]
    public async Task Logs_keep_stdout_and_stderr_apart()
    {
        var r = await D.Berth("logs", "paced");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("line 1\nline 2\nline 3\n", r.Stdout);
        Assert.Equal("err 1\nerr 2\nerr 3\n", r.Stderr);
    }

    [Fact]
    public async Task Logs_timestamps_prefix_each_line_with_rfc3339_nano()
    {
        var lines = (await D.BerthOk("logs", "-t", "paced")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.Matches($"^{Rfc3339NanoUtc} line [123]$", l));
        var times = lines.Select(l => DateTimeOffset.Parse(l[..l.IndexOf(' ')], CultureInfo.InvariantCulture)).ToList();
        Assert.InRange(times[2] - times[0], TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Logs_tail_shows_the_last_lines_of_both_streams()
    {
        var r = await D.Berth("logs", "--tail", "2", "paced");

        Assert.Equal("line 3\n", r.Stdout);
        Assert.Equal("err 3\n", r.Stderr);
        Assert.Equal("", (await D.Berth("logs", "--tail", "0", "paced")).Stdout);
        Assert.Equal("line 1\nline 2\nline 3\n", (await D.Berth("logs", "--tail", "all", "paced")).Stdout);
    }

    [Fact]
    public async Task Logs_since_starts_at_the_given_time()
    {
        var second = await TimestampOf("line 2");

        Assert.Equal("line 2\nline 3\n", await D.BerthOk("logs", "--since", second, "paced"));
        Assert.Equal("", await D.BerthOk("logs", "--since", DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), "paced"));
        Assert.Equal("line 1\nline 2\nline 3\n", await D.BerthOk("logs", "--since", "10m", "paced"));
    }

    [Fact]
    public async Task Logs_until_stops_at_the_given_time()
    {
        var second = await TimestampOf("line 2");

        Assert.Equal("line 1\nline 2\n", await D.BerthOk("logs", "--until", second, "paced"));
        Assert.Equal("", await D.BerthOk("logs", "--until", "10m", "paced"));
    }

    [Fact]
    public async Task Logs_since_and_until_together_give_the_window_between()
    {
        var second = DateTimeOffset.Parse(await TimestampOf("line 2"), CultureInfo.InvariantCulture);
        var from = second.AddMilliseconds(-500).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var to = second.AddMilliseconds(500).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

        Assert.Equal("line 2\n", await D.BerthOk("logs", "--since", from, "--until", to, "paced"));
    }

    [Fact]
    public async Task Logs_follow_prints_new_lines_and_ends_when_the_container_exits()
    {
        await D.BerthOk("run", "-d", "--name", "followed", "busybox", "sh", "-c", "echo first; sleep 1.5; echo second; sleep 0.5; exit 0");
        await D.WaitForOutputAsync("followed", "first");

        var clock = Stopwatch.StartNew();
        var r = await D.Berth("logs", "-f", "followed");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("first\nsecond\n", r.Stdout);
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(0.5), $"logs -f returned after {clock.Elapsed}, before the container exited");
        Assert.Equal("exited", await D.InspectField("followed", "{{.State.Status}}"));
    }

    [Fact]
    public async Task Logs_of_an_exited_container_with_follow_return_at_once()
    {
        var clock = Stopwatch.StartNew();

        Assert.Equal("line 1\nline 2\nline 3\n", await D.BerthOk("logs", "-f", "paced"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"logs -f of an exited container took {clock.Elapsed}");
    }

    [Fact]
    public async Task Logs_tail_that_is_not_a_number_shows_everything()
    {
        Assert.Equal("line 1\nline 2\nline 3\n", (await D.Berth("logs", "--tail", "lots", "paced")).Stdout);
    }

    [Fact]
    public async Task Logs_keep_a_carriage_return_inside_its_line()
    {
        await D.BerthOk("run", "--name", "progress", "busybox", "printf", "progress 10%%\\rprogress 100%%\\ndone\\n");

        Assert.Equal("progress 10%\rprogress 100%\ndone\n", await D.BerthOk("logs", "progress"));
    }

    [Fact]
    public async Task Logs_of_a_tty_container_are_raw_terminal_output_on_stdout()
    {
        await D.BerthOk("run", "-t", "--name", "with-tty", "busybox", "sh", "-c", "echo out; echo err >&2");

        var r = await D.Berth("logs", "with-tty");

        Assert.Equal("out\r\nerr\r\n", r.Stdout);
        Assert.Equal("", r.Stderr);
    }
}
