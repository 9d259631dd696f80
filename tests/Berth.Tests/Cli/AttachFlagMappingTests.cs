using Berth.Cli.Commands;
using Berth.Cli.Parsing;
using Berth.Protocol.Containers;
using Xunit;

namespace Berth.Tests.Cli;

/// <summary>`-i`, `-a` and `-d` to the attach fields of the create body, by docker's opts.go rules.</summary>
public class AttachFlagMappingTests
{
    private static ContainerCreateRequest Map(params string[] args)
    {
        var h = new CliHarness();
        var result = h.Parse(["run", .. args, "busybox"]);
        return Assert.IsType<RunCommand>(result.CommandResult.Command).BuildCreate(result, h.Context).Body;
    }

    private static (bool Stdin, bool Stdout, bool Stderr, bool OpenStdin, bool StdinOnce) Attach(params string[] args)
    {
        var body = Map(args);
        return (body.AttachStdin, body.AttachStdout, body.AttachStderr, body.OpenStdin, body.StdinOnce);
    }

    [Fact]
    public void Without_flags_stdout_and_stderr_are_attached() => Assert.Equal((false, true, true, false, false), Attach());

    [Fact]
    public void Interactive_attaches_stdin_once() => Assert.Equal((true, true, true, true, true), Attach("-i"));

    [Fact]
    public void A_names_the_only_streams_attached()
    {
        Assert.Equal((false, true, false, false, false), Attach("-a", "stdout"));
        Assert.Equal((false, false, true, false, false), Attach("-a", "STDERR"));
        // -a stdin alone attaches it, but the container's stdin is not open.
        Assert.Equal((true, false, false, false, false), Attach("-a", "stdin"));
        Assert.Equal((true, true, false, true, true), Attach("-i", "-a", "stdout"));
    }

    [Fact]
    public void Detached_attaches_nothing_and_keeps_stdin_open() => Assert.Equal((false, false, false, true, false), Attach("-d", "-i"));

    [Fact]
    public void An_unknown_stream_is_refused_as_docker_words_it()
    {
        var error = Assert.Throws<UsageException>(() => Map("-a", "stdnull"));
        Assert.Equal("invalid argument \"stdnull\" for \"-a, --attach\" flag: valid streams are STDIN, STDOUT and STDERR", error.Message);
    }
}
