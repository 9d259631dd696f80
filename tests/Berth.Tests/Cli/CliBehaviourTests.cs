using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Berth.Tests.Cli;

/// <summary>Whole command lines run in-process: docker's messages and exit codes, and `run` against a fake daemon.</summary>
public class CliBehaviourTests
{
    [Theory]
    [InlineData(new[] { "ps", "--foo" }, 125, "unknown flag: --foo\n\nUsage:  berth ps [OPTIONS]\n\nRun 'berth ps --help' for more information\n")]
    [InlineData(new[] { "ps", "-ax" }, 125, "unknown shorthand flag: 'x' in -x\n\nUsage:  berth ps [OPTIONS]\n\nRun 'berth ps --help' for more information\n")]
    [InlineData(new[] { "run", "-e" }, 125, "flag needs an argument: 'e' in -e\n\nUsage:  berth run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'berth run --help' for more information\n")]
    [InlineData(new[] { "run", "--name" }, 125, "flag needs an argument: --name\n\nUsage:  berth run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'berth run --help' for more information\n")]
    [InlineData(new[] { "rm" }, 1, "berth: 'berth rm' requires at least 1 argument\n\nUsage:  berth rm [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'berth rm --help' for more information\n")]
    [InlineData(new[] { "container", "rename", "a" }, 1, "berth: 'berth container rename' requires 2 arguments\n\nUsage:  berth container rename CONTAINER NEW_NAME\n\nRun 'berth container rename --help' for more information\n")]
    [InlineData(new[] { "foo" }, 1, "berth: unknown command: berth foo\n\nRun 'berth --help' for more information\n")]
    [InlineData(new[] { "run", "--rm", "--restart=always", "busybox" }, 125, "berth: conflicting options: cannot specify both --restart and --rm\n\nRun 'berth run --help' for more information\n")]
    [InlineData(new[] { "stop", "-t", "abc", "x" }, 125, "invalid argument \"abc\" for \"-t, --timeout\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax\n\nUsage:  berth stop [OPTIONS] CONTAINER [CONTAINER...]\n\nRun 'berth stop --help' for more information\n")]
    public async Task UsageErrorsMatchDocker(string[] args, int exitCode, string stderr)
    {
        var h = new CliHarness();
        Assert.Equal(exitCode, await h.RunAsync(args));
        Assert.Equal(stderr, h.Stderr);
        Assert.Equal("", h.Stdout);
    }

    [Fact]
    public async Task HelpGoesToStdout()
    {
        var h = new CliHarness();
        Assert.Equal(0, await h.RunAsync("container", "ls", "--help"));
        Assert.StartsWith("Usage:  berth container ls [OPTIONS]\n\nList containers\n", h.Stdout, StringComparison.Ordinal);
        Assert.Contains("  -a, --all ", h.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveRefusesATerminal()
    {
        var h = new CliHarness(terminal: true);
        Assert.Equal(1, await h.RunAsync("save", "busybox"));
        Assert.Equal("cowardly refusing to save to a terminal. Use the -o flag or redirect\n", h.Stderr);
    }

    private static byte[] Frame(byte stream, string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var frame = new byte[8 + payload.Length];
        frame[0] = stream;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(frame, 8);
        return frame;
    }

    [Fact]
    public async Task RunAttachesWaitsStartsAndExitsWithTheContainerStatus()
    {
        var started = new TaskCompletionSource();
        var outputDone = new TaskCompletionSource();
        await using var daemon = new FakeDaemon(async (r, s) =>
        {
            switch (r.Method, r.Path)
            {
                case ("POST", "/v1.50/containers/create"):
                    await FakeDaemon.RespondAsync(s, 201, "{\"Id\":\"c0ffee\",\"Warnings\":[\"low memory\"]}");
                    break;
                case ("POST", "/v1.50/containers/c0ffee/attach"):
                    await s.WriteAsync("HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"u8.ToArray());
                    await started.Task;
                    await s.WriteAsync(Frame(1, "hi\n"));
                    await s.WriteAsync(Frame(2, "oops\n"));
                    s.Socket.Shutdown(SocketShutdown.Both);
                    outputDone.SetResult();
                    break;
                case ("POST", "/v1.50/containers/c0ffee/wait"):
                    // Head first (the wait is registered), the status once the container is gone.
                    await s.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"u8.ToArray());
                    await s.FlushAsync();
                    await outputDone.Task;
                    var json = "{\"StatusCode\":3}\n";
                    await s.WriteAsync(Encoding.ASCII.GetBytes($"{json.Length:x}\r\n{json}\r\n0\r\n\r\n"));
                    break;
                case ("POST", "/v1.50/containers/c0ffee/start"):
                    await s.WriteAsync("HTTP/1.1 204 No Content\r\n\r\n"u8.ToArray());
                    started.SetResult();
                    break;
                default:
                    await FakeDaemon.RespondAsync(s, 404, "{\"message\":\"unexpected\"}");
                    break;
            }
        });
        var h = new CliHarness(daemon.Endpoint);
        var exit = await h.RunAsync("run", "--rm", "--name", "t", "busybox", "sh", "-c", "echo hi; exit 3");
        Assert.Equal(3, exit);
        Assert.Equal("hi\n", h.Stdout);
        Assert.Equal("WARNING: low memory\noops\n", h.Stderr);
        var calls = daemon.Requests.Select(q => q.Method + " " + q.Target).ToList();
        Assert.Equal(
        [
            "POST /v1.50/containers/create?name=t",
            "POST /v1.50/containers/c0ffee/attach?stream=1&stdout=1&stderr=1",
            "POST /v1.50/containers/c0ffee/wait?condition=removed",
            "POST /v1.50/containers/c0ffee/start",
        ], calls);
    }

    [Theory]
    [InlineData("exec: \"nosuch\": executable file not found in $PATH", 127)]
    [InlineData("exec: \"/etc\": permission denied", 126)]
    [InlineData("cgroup failure", 125)]
    public async Task RunStartFailuresMapToDockersExitCodes(string message, int expected)
    {
        await using var daemon = new FakeDaemon(async (r, s) =>
        {
            if (r.Path.EndsWith("/create", StringComparison.Ordinal))
                await FakeDaemon.RespondAsync(s, 201, "{\"Id\":\"c1\",\"Warnings\":[]}");
            else if (r.Path.EndsWith("/start", StringComparison.Ordinal))
                await FakeDaemon.RespondAsync(s, 400, $"{{\"message\":{System.Text.Json.JsonSerializer.Serialize(message, Berth.Protocol.Json.ProtocolJson.Default.String)}}}");
            else
                await FakeDaemon.RespondAsync(s, 200, "{}");
        });
        var h = new CliHarness(daemon.Endpoint);
        Assert.Equal(expected, await h.RunAsync("run", "-d", "busybox"));
        Assert.Equal("c1\n", h.Stdout);
        Assert.Equal($"berth: Error response from daemon: {message}\n\nRun 'berth run --help' for more information\n", h.Stderr);
    }

    [Fact]
    public async Task StopPrintsNamesAndReportsFailuresAtTheEnd()
    {
        await using var daemon = new FakeDaemon((r, s) => r.Path.Contains("/missing/", StringComparison.Ordinal)
            ? FakeDaemon.RespondAsync(s, 404, "{\"message\":\"No such container: missing\"}")
            : s.WriteAsync("HTTP/1.1 204 No Content\r\n\r\n"u8.ToArray()).AsTask());
        var h = new CliHarness(daemon.Endpoint);
        Assert.Equal(1, await h.RunAsync("stop", "-t", "1", "a", "missing", "b"));
        Assert.Equal("a\nb\n", h.Stdout);
        Assert.Equal("Error response from daemon: No such container: missing\n", h.Stderr);
        Assert.All(daemon.Requests, q => Assert.EndsWith("/stop?t=1", q.Target, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PsQuietPrintsTruncatedIds()
    {
        await using var daemon = new FakeDaemon((_, s) => FakeDaemon.RespondAsync(s, 200,
            "[{\"Id\":\"5aca715d7714995c860cd195bb42fc00072468a4213c98edb22dd5c7742bdb3f\",\"Names\":[\"/t1\"],\"Image\":\"busybox\",\"Command\":\"sh\",\"Created\":1700000000,\"Ports\":null,\"Labels\":null,\"State\":\"running\",\"Status\":\"Up\",\"Mounts\":null}]"));
        var h = new CliHarness(daemon.Endpoint);
        Assert.Equal(0, await h.RunAsync("ps", "-q"));
        Assert.Equal("5aca715d7714\n", h.Stdout);
    }

    [Fact]
    public async Task LoadStreamsStdinAndPrintsTheStreamLines()
    {
        await using var daemon = new FakeDaemon((r, s) => FakeDaemon.RespondAsync(s, 200,
            $"{{\"stream\":\"Loaded image: busybox:latest\\n\"}}\r\n{{\"stream\":\"got {r.Body.Length} bytes\\n\"}}\r\n"));
        var h = new CliHarness(daemon.Endpoint, stdin: new byte[4096]);
        Assert.Equal(0, await h.RunAsync("load"));
        Assert.Equal("Loaded image: busybox:latest\ngot 4096 bytes\n", h.Stdout);
        Assert.Equal("/v1.50/images/load?quiet=1", daemon.Requests.Single().Target);
    }

    [Fact]
    public async Task InspectPrintsFoundObjectsThenErrors()
    {
        await using var daemon = new FakeDaemon((r, s) => r.Path switch
        {
            "/v1.50/containers/web/json" => FakeDaemon.RespondAsync(s, 200, "{\"Id\":\"abc\",\"Name\":\"/web\"}"),
            _ => FakeDaemon.RespondAsync(s, 404, "{\"message\":\"not found\"}"),
        });
        var h = new CliHarness(daemon.Endpoint);
        Assert.Equal(1, await h.RunAsync("inspect", "web", "ghost"));
        Assert.Equal("[\n    {\n        \"Id\": \"abc\",\n        \"Name\": \"/web\"\n    }\n]\n", h.Stdout);
        Assert.Equal("Error: No such object: ghost\n", h.Stderr);
    }
}
