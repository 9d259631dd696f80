using System.Text.Json;
using Berth.Cli.Commands;
using Berth.Cli.Parsing;
using Berth.Protocol.Containers;
using Xunit;

namespace Berth.Tests.Cli;

public class RunFlagMappingTests
{
    private static ContainerCreateRequest Map(CliHarness h, params string[] args)
    {
        var result = h.Parse(["run", .. args]);
        var run = Assert.IsType<RunCommand>(result.CommandResult.Command);
        return run.BuildCreate(result, h.Context).Body;
    }

    private static ContainerCreateRequest Map(params string[] args) => Map(new CliHarness(), args);

    [Fact]
    public void CommandAfterImageIsPassedVerbatim()
    {
        var body = Map("busybox", "sh", "-c", "exit 3");
        Assert.Equal("busybox", body.Image);
        Assert.Equal(["sh", "-c", "exit 3"], body.Cmd);
        Assert.Null(body.Entrypoint);
    }

    [Fact]
    public void FlagsAfterImageBelongToTheContainerCommand()
    {
        var body = Map("-d", "--name", "web", "busybox", "ls", "-l", "--all", "-d", "--name", "x");
        Assert.Equal(["ls", "-l", "--all", "-d", "--name", "x"], body.Cmd);
        Assert.False(body.AttachStdout); // the first -d detached the run
    }

    [Fact]
    public void DoubleDashAfterImageIsPartOfTheCommand()
    {
        Assert.Equal(["--", "ls"], Map("busybox", "--", "ls").Cmd);
        Assert.Equal(["ls"], Map("--", "busybox", "ls").Cmd);
    }

    [Fact]
    public void NoCommandLeavesCmdNull() => Assert.Null(Map("busybox").Cmd);

    [Theory]
    [InlineData("--entrypoint", "")]
    [InlineData("--entrypoint=", null)]
    public void EmptyEntrypointClearsTheImageEntrypoint(string flag, string? value)
    {
        var args = value is null ? new[] { flag, "busybox" } : [flag, value, "busybox"];
        Assert.Equal([""], Map(args).Entrypoint);
    }

    [Fact]
    public void EntrypointIsOneElement() => Assert.Equal(["/bin/sh -x"], Map("--entrypoint", "/bin/sh -x", "busybox").Entrypoint);

    [Fact]
    public void EnvNamesWithoutValueComeFromTheCliEnvironmentOrAreDropped()
    {
        var h = new CliHarness(env: new() { ["HOME"] = "/root", ["EMPTY"] = "" });
        var body = Map(h, "-e", "A=1", "-e", "HOME", "-e", "UNSET", "-e", "EMPTY", "--env=B=x=y", "busybox");
        Assert.Equal(["A=1", "HOME=/root", "EMPTY=", "B=x=y"], body.Env);
    }

    [Fact]
    public void EnvFileEntriesComeFirstAndFollowDockersFormat()
    {
        // Starts with a UTF-8 byte order mark, which docker strips.
        var content = "\uFEFF# comment\n\n   A=1\nB= spaced value \r\nC\nMISSING\nD=\n#E=2\n"u8.ToArray();
        var h = new CliHarness(env: new() { ["C"] = "from-env" }, files: new() { ["app.env"] = content });
        var body = Map(h, "--env-file", "app.env", "-e", "Z=last", "busybox");
        Assert.Equal(["A=1", "B= spaced value ", "C=from-env", "D=", "Z=last"], body.Env);
    }

    [Fact]
    public void EnvFileWithWhitespaceInNameIsRefused()
    {
        var h = new CliHarness(files: new() { ["bad.env"] = "MY VAR=1\n"u8.ToArray() });
        var ex = Assert.Throws<UsageException>(() => Map(h, "--env-file", "bad.env", "busybox"));
        Assert.Equal("poorly formatted environment: variable 'MY VAR' contains whitespaces", ex.Message);
        Assert.Equal(125, ex.ExitCode);
    }

    [Fact]
    public void MissingEnvFileIsReportedLikeDocker()
    {
        var h = new CliHarness(files: []);
        var ex = Assert.Throws<UsageException>(() => Map(h, "--env-file", "/nonexist", "busybox"));
        Assert.Equal("open /nonexist: no such file or directory", ex.Message);
    }

    [Fact]
    public void LabelsFromFilesThenFlags()
    {
        var h = new CliHarness(files: new() { ["l"] = "a=1\nbare\nb=file\n"u8.ToArray() });
        var body = Map(h, "--label-file", "l", "-l", "b=flag", "--label", "c", "busybox");
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["bare"] = "", ["b"] = "flag", ["c"] = "" }, body.Labels);
    }

    [Fact]
    public void HostConfigFlags()
    {
        var body = Map("--rm", "--privileged", "--read-only", "--cap-add", "net_admin", "--cap-add=CAP_SYS_TIME",
            "--cap-drop", "MKNOD", "-m", "64m", "--memory-swap", "-1", "--cpus", "1.5", "--pids-limit", "100",
            "--network", "host", "busybox");
        var hc = body.HostConfig!;
        Assert.True(hc.AutoRemove);
        Assert.True(hc.Privileged);
        Assert.True(hc.ReadonlyRootfs);
        Assert.Equal(["CAP_NET_ADMIN", "CAP_SYS_TIME"], hc.CapAdd);
        Assert.Equal(["CAP_MKNOD"], hc.CapDrop);
        Assert.Equal(64L * 1024 * 1024, hc.Memory);
        Assert.Equal(-1, hc.MemorySwap);
        Assert.Equal(1_500_000_000L, hc.NanoCpus);
        Assert.Equal(100, hc.PidsLimit);
        Assert.Equal("host", hc.NetworkMode);
    }

    [Fact]
    public void DefaultsMatchDockersClient()
    {
        var body = Map("busybox");
        Assert.Equal("default", body.HostConfig!.NetworkMode);
        Assert.Equal("no", body.HostConfig.RestartPolicy.Name);
        Assert.Null(body.HostConfig.PidsLimit);
        Assert.Null(body.StopTimeout);
        Assert.Null(body.StopSignal);
        Assert.True(body.AttachStdout);
        Assert.True(body.AttachStderr);
        Assert.False(body.AttachStdin);
        Assert.Empty(body.Env!);
    }

    [Fact]
    public void ConfigFlags()
    {
        var body = Map("-w", "/srv", "-u", "1000:1000", "-h", "box", "--stop-signal", "SIGUSR1", "--stop-timeout", "7",
            "--restart", "on-failure:3", "busybox");
        Assert.Equal("/srv", body.WorkingDir);
        Assert.Equal("1000:1000", body.User);
        Assert.Equal("box", body.Hostname);
        Assert.Equal("SIGUSR1", body.StopSignal);
        Assert.Equal(7, body.StopTimeout);
        Assert.Equal("on-failure", body.HostConfig!.RestartPolicy.Name);
        Assert.Equal(3, body.HostConfig.RestartPolicy.MaximumRetryCount);
    }

    [Fact]
    public void InteractiveTtyAttachesStdin()
    {
        var body = Map("-it", "busybox", "sh");
        Assert.True(body.Tty);
        Assert.True(body.OpenStdin);
        Assert.True(body.AttachStdin);
        Assert.True(body.StdinOnce);
    }

    [Fact]
    public void DetachedRunAttachesNothing()
    {
        var body = Map("-dit", "busybox");
        Assert.True(body.OpenStdin);
        Assert.True(body.Tty);
        Assert.False(body.AttachStdin);
        Assert.False(body.AttachStdout);
        Assert.False(body.StdinOnce);
    }

    [Fact]
    public void ShorthandValuesMayBeAttached()
    {
        var body = Map("-eA=1", "-w/tmp", "-dt", "busybox");
        Assert.Equal(["A=1"], body.Env);
        Assert.Equal("/tmp", body.WorkingDir);
        Assert.True(body.Tty);
    }

    [Fact]
    public void FlagValuesThatLookLikeFlagsStayValues()
    {
        var body = Map("-e", "--x=1", "--entrypoint", "-weird", "-w", "--", "busybox");
        Assert.Equal(["--x=1"], body.Env);
        Assert.Equal(["-weird"], body.Entrypoint);
        Assert.Equal("--", body.WorkingDir);
        Assert.Equal("busybox", body.Image);
    }

    [Fact]
    public void RepeatedSingleValueFlagKeepsTheLast()
    {
        var h = new CliHarness();
        var result = h.Parse("run", "--name", "a", "--name", "b", "busybox");
        var (_, name, _) = ((RunCommand)result.CommandResult.Command).BuildCreate(result, h.Context);
        Assert.Equal("b", name);
    }

    [Fact]
    public void RestartWithRmConflicts()
    {
        var ex = Assert.Throws<UsageException>(() => Map("--rm", "--restart", "always", "busybox"));
        Assert.Equal("conflicting options: cannot specify both --restart and --rm", ex.Message);
        Assert.True(ex.Prefixed);
    }

    [Fact]
    public void InvalidMemoryUsesPflagWording()
    {
        var ex = Assert.Throws<UsageException>(() => Map("-m", "abc", "busybox"));
        Assert.Equal("invalid argument \"abc\" for \"-m, --memory\" flag: invalid size: 'abc'", ex.Message);
    }

    [Fact]
    public void PublishedAndExposedPorts()
    {
        var body = Map("-p", "8080:80", "-p", "127.0.0.1:53:53/udp", "-p", "9000", "--expose", "7000-7001", "busybox");
        Assert.Equal(["53/udp", "7000/tcp", "7001/tcp", "80/tcp", "9000/tcp"], body.ExposedPorts!.Keys.Order(StringComparer.Ordinal));
        var bindings = body.HostConfig!.PortBindings!;
        Assert.Equal("8080", bindings["80/tcp"]![0].HostPort);
        Assert.Equal("127.0.0.1", bindings["53/udp"]![0].HostIp);
        Assert.Equal("", bindings["9000/tcp"]![0].HostPort);
    }

    [Fact]
    public void CreateRequestCarriesNameAndJsonBody()
    {
        var h = new CliHarness();
        var result = h.Parse("create", "--name", "web", "-e", "A=1", "busybox", "true");
        var (body, name, _) = ((CreateCommand)result.CommandResult.Command).BuildCreate(result, h.Context);
        var request = ContainerCreator.BuildRequest(body, name);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/containers/create", request.Path);
        Assert.Equal("name=web", request.QueryString);
        using var json = JsonDocument.Parse(request.SerializeBody()!);
        Assert.Equal("busybox", json.RootElement.GetProperty("Image").GetString());
        Assert.Equal("A=1", json.RootElement.GetProperty("Env")[0].GetString());
        Assert.Equal("true", json.RootElement.GetProperty("Cmd")[0].GetString());
        Assert.Equal("default", json.RootElement.GetProperty("HostConfig").GetProperty("NetworkMode").GetString());
    }
}
