using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration;

public sealed class RunExitCodeTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    [Fact]
    public async Task Run_exits_with_the_container_exit_code()
    {
        var r = await D.Berth("run", "--rm", "busybox", "sh", "-c", "exit 3");
        Assert.Equal(3, r.ExitCode);
    }

    [Fact]
    public async Task Run_prints_stdout_and_stderr_apart()
    {
        var r = await D.Berth("run", "--rm", "busybox", "sh", "-c", "echo out; echo err >&2");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("out\n", r.Stdout);
        Assert.Equal("err\n", r.Stderr);
    }

    [Fact]
    public async Task Command_not_found_exits_127_and_not_executable_exits_126()
    {
        var notFound = await D.Berth("run", "--rm", "busybox", "no-such-command");
        Assert.Equal(127, notFound.ExitCode);
        Assert.Contains("executable file not found", notFound.Stderr);
        var notExecutable = await D.Berth("run", "--rm", "busybox", "/etc/passwd");
        Assert.Equal(126, notExecutable.ExitCode);
    }

    [Fact]
    public async Task Unknown_image_exits_125()
    {
        var r = await D.Berth("run", "--rm", "no-such-image:1");
        Assert.Equal(125, r.ExitCode);
    }

    [Fact]
    public async Task Docker_cli_run_gets_output_and_exit_code()
    {
        var r = await D.Docker("run", "--rm", "busybox", "sh", "-c", "echo hi; exit 7");
        Assert.Equal(7, r.ExitCode);
        Assert.Equal("hi\n", r.Stdout);
    }
}
