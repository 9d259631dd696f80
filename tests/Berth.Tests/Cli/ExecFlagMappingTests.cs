using Berth.Cli.Commands;
using Berth.Protocol.Exec;
using Xunit;

namespace Berth.Tests.Cli;

public class ExecFlagMappingTests
{
    private static ExecCreateRequest Map(CliHarness h, params string[] args)
    {
        var result = h.Parse(["exec", .. args]);
        var exec = Assert.IsType<ExecCommand>(result.CommandResult.Command);
        return exec.BuildCreate(result, h.Context);
    }

    [Fact]
    public void Flags_after_the_container_belong_to_the_command()
    {
        var body = Map(new CliHarness(), "-u", "nobody", "c1", "ls", "-l", "-u", "x");
        Assert.Equal(["ls", "-l", "-u", "x"], body.Cmd);
        Assert.Equal("nobody", body.User);
        Assert.True(body.AttachStdout);
        Assert.True(body.AttachStderr);
        Assert.False(body.AttachStdin);
    }

    [Fact]
    public void Detached_attaches_nothing()
    {
        var body = Map(new CliHarness(), "-d", "-i", "c1", "sleep", "1");
        Assert.True(body.Detach);
        Assert.False(body.AttachStdin);
        Assert.False(body.AttachStdout);
        Assert.False(body.AttachStderr);
    }

    [Fact]
    public void Env_flags_and_env_file_are_merged_like_run()
    {
        var h = new CliHarness(env: new() { ["FROM_CLI"] = "v" },
            files: new() { ["e.env"] = "# comment\nA=1\nFROM_CLI\n"u8.ToArray() });
        var body = Map(h, "--env-file", "e.env", "-e", "B=2", "-e", "FROM_CLI", "-e", "UNSET", "-w", "/tmp", "--privileged", "-it", "c1", "sh");
        Assert.Equal(["A=1", "FROM_CLI=v", "B=2", "FROM_CLI=v"], body.Env);
        Assert.Equal("/tmp", body.WorkingDir);
        Assert.True(body.Privileged);
        Assert.True(body.Tty);
        Assert.True(body.AttachStdin);
    }

    [Fact]
    public async Task Too_few_arguments_is_docker_usage_error()
    {
        var h = new CliHarness();
        Assert.Equal(1, await h.RunAsync("exec", "c1"));
        Assert.StartsWith("berth: 'berth exec' requires at least 2 arguments", h.Stderr);
    }
}
