using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Options;
using Berth.Cli.Parsing;
using Berth.Cli.Streams;
using Berth.Protocol.Containers;

namespace Berth.Cli.Commands;

/// <summary>
/// `berth run`: docker's client-side sequence. Create; unless -d, hijack the attach stream and
/// register a wait (condition next-exit, or removed with --rm) before starting, so neither early
/// output nor a quick exit is missed; start; copy the output; exit with the container's status.
/// Daemon failures exit 125, or 126/127 when the command cannot be executed or found.
/// </summary>
internal sealed class RunCommand : CliCommand
{
    private readonly ContainerFlags _flags;
    private readonly Option<bool> _detach, _sigProxy;
    private readonly Option<string> _detachKeys;

    public RunCommand(string name = "run")
        : base(name, "Create and run a new container from an image", "[OPTIONS] IMAGE [COMMAND] [ARG...]", ArgRule.AtLeast(1),
            helpShorthand: false)
    {
        AliasesHelp = "berth container run, berth run";
        StopAtFirstPositional = true;
        _detach = Flag("--detach", "-d", "Run container in background and print container ID");
        _sigProxy = Flag("--sig-proxy", null, "Proxy received signals to the process (default true)");
        _sigProxy.DefaultValueFactory = _ => true;
        _detachKeys = Value("--detach-keys", null, "Override the key sequence for detaching a container");
        _flags = new ContainerFlags(this);
    }

    /// <summary>The create body and name for this command line (no I/O besides --env-file reads).</summary>
    public (ContainerCreateRequest Body, string? Name, ContainerFlagValues Values) BuildCreate(ParseResult result, CliContext ctx)
    {
        var args = Args(result);
        var values = _flags.Read(result) with { Detach = result.GetValue(_detach), ConsoleSize = ConsoleSize(ctx) };
        var body = ContainerCreateMapper.Map(values, args[0], args[1..], ctx.GetEnv, ctx.ReadFile);
        return (body, values.Name, values);
    }

    /// <summary>HostConfig.ConsoleSize as docker sends it: the terminal on stdout, [0, 0] when there is none.</summary>
    internal static int[] ConsoleSize(CliContext ctx) => ctx.StdoutIsTerminal ? RawTerminal.Size() : [0, 0];

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var (body, name, values) = BuildCreate(result, ctx);
        var pull = ContainerCreator.ValidatePull(values.Pull);
        if (!values.Detach && body.AttachStdin && body.Tty && !ctx.StdinIsTerminal)
            throw new CliError(1, "the input device is not a TTY");
        if (values.Detach && values.Attach.Count > 0)
            throw new CliError(1, "conflicting options: cannot specify both --attach and --detach");

        string id;
        try
        {
            id = await ContainerCreator.CreateAsync(ctx, body, name, pull, values.Quiet, ct).ConfigureAwait(false);
        }
        catch (DaemonException ex)
        {
            throw RunFailure(ex.Display, 125);
        }
        catch (CliError ex) when (ex.Text is not null)
        {
            // A pull that failed inside its progress stream.
            throw RunFailure(ex.Text, 125);
        }

        if (values.Detach)
        {
            ctx.Out.WriteLine(id);
            await StartAsync(ctx, id, ct).ConfigureAwait(false);
            return 0;
        }

        await using var attach = await AttachSession.OpenAsync(ctx, id, body.AttachStdin, body.AttachStdout, body.AttachStderr,
            result.GetValue(_detachKeys), ct).ConfigureAwait(false);
        using var wait = await ContainerExitWaiter.RegisterAsync(ctx, id, body.HostConfig!.AutoRemove, ct).ConfigureAwait(false);
        using var signals = result.GetValue(_sigProxy) ? SignalForwarder.Start(ctx, id) : null;

        attach.Start(ctx, body.Tty, body.AttachStdin);
        try
        {
            await StartAsync(ctx, id, ct).ConfigureAwait(false);
        }
        catch (UsageException) when (body.HostConfig.AutoRemove)
        {
            // With --rm, let the daemon finish removing the container before reporting.
            await wait.DrainAsync(ct).ConfigureAwait(false);
            throw;
        }

        using var resize = body.Tty && ctx.StdoutIsTerminal ? TerminalSizeMonitor.Start(ctx, (h, w) => AttachCommand.ResizeRequest(id, h, w)) : null;
        // Detached with the keys: the container runs on and run succeeds, as docker's.
        if (await attach.WaitAsync().ConfigureAwait(false)) return 0;
        var status = await wait.StatusAsync(ctx, ct).ConfigureAwait(false);
        return status == 0 ? 0 : throw new CliError(status);
    }

    private static async Task StartAsync(CliContext ctx, string id, CancellationToken ct)
    {
        try
        {
            await ctx.Client.SendAndForgetAsync(StartCommand.BuildRequest(id), ct).ConfigureAwait(false);
        }
        catch (DaemonException ex)
        {
            throw RunFailure(ex.Display, StartFailureStatus(ex.Message));
        }
    }

    /// <summary>docker's runStartContainerErr: 127 when the command is missing, 126 when it cannot run.</summary>
    internal static int StartFailureStatus(string message) =>
        message.Contains("executable file not found", StringComparison.Ordinal)
        || message.Contains("no such file or directory", StringComparison.Ordinal)
        || message.Contains("system cannot find the file specified", StringComparison.Ordinal)
            ? 127
            : message.Contains("permission denied", StringComparison.Ordinal)
              || message.Contains("is a directory", StringComparison.Ordinal)
                ? 126
                : 125;

    /// <summary>docker's reportError: "berth: message", then the help hint.</summary>
    private static UsageException RunFailure(string message, int status) =>
        new(message, status, showUsage: true, prefixed: true) { OmitUsageLine = true };
}
