using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Options;
using Berth.Cli.Parsing;
using Berth.Cli.Streams;
using Berth.Protocol.Exec;
using Berth.Protocol.Json;

namespace Berth.Cli.Commands;

/// <summary>
/// `berth exec`: docker's client sequence. Check the container exists, create the exec, then
/// either start it detached or hijack the start (stdin copied with -i; with -t the local terminal
/// in raw mode and its size sent at start and on SIGWINCH), and exit with the exec's exit code.
/// </summary>
internal sealed class ExecCommand : CliCommand
{
    private readonly Option<bool> _detach, _interactive, _tty, _privileged;
    private readonly Option<string[]> _env, _envFile;
    private readonly Option<string> _user, _workdir, _detachKeys;

    public ExecCommand(string name = "exec")
        : base(name, "Execute a command in a running container", "[OPTIONS] CONTAINER COMMAND [ARG...]", ArgRule.AtLeast(2))
    {
        AliasesHelp = "berth container exec, berth exec";
        StopAtFirstPositional = true;
        _detach = Flag("--detach", "-d", "Detached mode: run command in the background");
        _detachKeys = Value("--detach-keys", null, "Override the key sequence for detaching a container");
        _env = List("--env", "-e", "Set environment variables");
        _envFile = List("--env-file", null, "Read in a file of environment variables");
        _interactive = Flag("--interactive", "-i", "Keep STDIN open even if not attached");
        _privileged = Flag("--privileged", null, "Give extended privileges to the command");
        _tty = Flag("--tty", "-t", "Allocate a pseudo-TTY");
        _user = Value("--user", "-u", "Username or UID (format: \"<name|uid>[:<group|gid>]\")");
        _workdir = Value("--workdir", "-w", "Working directory inside the container");
    }

    /// <summary>The exec create body for this command line (no I/O besides --env-file reads).</summary>
    public ExecCreateRequest BuildCreate(ParseResult result, CliContext ctx)
    {
        var args = Args(result);
        var detach = result.GetValue(_detach);
        var tty = result.GetValue(_tty);
        var env = new List<string>();
        foreach (var file in result.GetValue(_envFile) ?? [])
            env.AddRange(EnvFileParser.Parse(file, ctx.ReadFile(file), ctx.GetEnv));
        foreach (var e in result.GetValue(_env) ?? [])
        {
            var eq = e.IndexOf('=');
            if (eq == 0 || e.Length == 0) throw new CliError(1, $"invalid argument \"{e}\" for \"-e, --env\" flag: invalid environment variable: {e}");
            if (eq > 0) env.Add(e);
            else if (ctx.GetEnv(e) is { } value) env.Add(e + "=" + value);
        }
        return new ExecCreateRequest
        {
            User = result.GetValue(_user) ?? "",
            Privileged = result.GetValue(_privileged),
            Tty = tty,
            ConsoleSize = tty && !detach && ctx.StdoutIsTerminal ? RawTerminal.Size() : null,
            AttachStdin = result.GetValue(_interactive) && !detach,
            AttachStdout = !detach,
            AttachStderr = !detach,
            Detach = detach,
            DetachKeys = result.GetValue(_detachKeys) ?? "",
            Env = env,
            WorkingDir = result.GetValue(_workdir) ?? "",
            Cmd = [.. args[1..]],
        };
    }

    public static ApiRequest CreateRequest(string container, ExecCreateRequest body) =>
        ApiRequest.Post($"/containers/{ApiRequest.Segment(container)}/exec").WithJson(body, ProtocolJson.Default.ExecCreateRequest);

    public static ApiRequest StartRequest(string execId, ExecStartRequest body) =>
        ApiRequest.Post($"/exec/{ApiRequest.Segment(execId)}/start").WithJson(body, ProtocolJson.Default.ExecStartRequest);

    public static ApiRequest ResizeRequest(string execId, int rows, int columns) =>
        ApiRequest.Post($"/exec/{ApiRequest.Segment(execId)}/resize", new("h", rows.ToString()), new("w", columns.ToString()));

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var container = Args(result)[0];
        var body = BuildCreate(result, ctx);
        // As docker: a missing container is reported before any exec is created.
        await ctx.Client.SendAndForgetAsync(InspectCommand.ContainerRequest(container, false), ct).ConfigureAwait(false);
        if (!body.Detach && body.AttachStdin && body.Tty && !ctx.StdinIsTerminal)
            throw new CliError(1, "the input device is not a TTY");
        var created = await ctx.Client.GetJsonAsync(CreateRequest(container, body), ProtocolJson.Default.ExecCreateResponse, ct).ConfigureAwait(false);
        var start = new ExecStartRequest { Detach = body.Detach, Tty = body.Tty, ConsoleSize = body.ConsoleSize };
        if (body.Detach)
        {
            await ctx.Client.SendAndForgetAsync(StartRequest(created.Id, start), ct).ConfigureAwait(false);
            return 0;
        }

        using (var response = await ctx.Client.HijackAsync(StartRequest(created.Id, start), ct).ConfigureAwait(false))
        {
            using var raw = body.Tty && body.AttachStdin && ctx.StdinIsTerminal ? RawTerminal.Enter() : null;
            using var resize = body.Tty && ctx.StdoutIsTerminal ? TerminalSizeMonitor.Start(ctx, (h, w) => ResizeRequest(created.Id, h, w)) : null;
            var output = StreamDemuxer.CopyAsync(response.Body, ctx.StdoutStream, ctx.StderrStream, body.Tty, ct);
            if (body.AttachStdin) _ = Task.Run(() => CopyStdinAsync(ctx.StdinIsTerminal ? RawTerminal.OpenStdin() : ctx.Stdin, response), ct);
            try { await output.ConfigureAwait(false); }
            catch (IOException) { }
        }

        var inspect = await ctx.Client.GetJsonAsync(ApiRequest.Get($"/exec/{ApiRequest.Segment(created.Id)}/json"),
            ProtocolJson.Default.ExecInspect, ct).ConfigureAwait(false);
        var code = inspect.ExitCode ?? 0;
        return code == 0 ? 0 : throw new CliError(code);
    }

    private static async Task CopyStdinAsync(Stream stdin, HttpResponse response)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await stdin.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                await response.Connection.WriteAsync(buffer.AsMemory(0, n)).ConfigureAwait(false);
                await response.Connection.FlushAsync().ConfigureAwait(false);
            }
            response.Connection.CloseWrite();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            // The exec ended first: nothing left to deliver stdin to.
        }
    }
}
