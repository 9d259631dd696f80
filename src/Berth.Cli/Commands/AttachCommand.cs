using System.CommandLine;
using System.Globalization;
using Berth.Cli.Client;
using Berth.Cli.Parsing;
using Berth.Cli.Streams;
using Berth.Protocol.Containers;
using Berth.Protocol.Json;

namespace Berth.Cli.Commands;

/// <summary>
/// `berth attach CONTAINER`: docker's RunAttach. The exit wait is registered first, the container
/// must be running (checked again once attached), stdin is attached unless --no-stdin (and only if
/// the container keeps it open), signals are proxied without a TTY, a TTY gets the terminal's size.
/// Exits with the container's status; leaving with the detach keys says "read escape sequence" and
/// exits 1, as docker does.
/// </summary>
internal sealed class AttachCommand : CliCommand
{
    private readonly Option<bool> _noStdin, _sigProxy;
    private readonly Option<string> _detachKeys;

    public AttachCommand(string name = "attach")
        : base(name, "Attach local standard input, output, and error streams to a running container", "[OPTIONS] CONTAINER",
            ArgRule.Exactly(1))
    {
        AliasesHelp = "berth container attach, berth attach";
        _detachKeys = Value("--detach-keys", null, "Override the key sequence for detaching a container");
        _noStdin = Flag("--no-stdin", null, "Do not attach STDIN");
        _sigProxy = Flag("--sig-proxy", null, "Proxy all received signals to the process (default true)");
        _sigProxy.DefaultValueFactory = _ => true;
    }

    public static ApiRequest ResizeRequest(string container, int rows, int columns) =>
        ApiRequest.Post($"/containers/{ApiRequest.Segment(container)}/resize",
            new("h", rows.ToString(CultureInfo.InvariantCulture)), new("w", columns.ToString(CultureInfo.InvariantCulture)));

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var name = Args(result)[0];
        using var wait = await ContainerExitWaiter.RegisterAsync(ctx, name, "not-running", ct).ConfigureAwait(false);
        var container = await InspectRunningAsync(ctx, name, ct).ConfigureAwait(false);
        var tty = container.Config.Tty;
        var noStdin = result.GetValue(_noStdin);
        if (!noStdin && tty && !ctx.StdinIsTerminal) throw new CliError(1, "the input device is not a TTY");
        var stdin = !noStdin && container.Config.OpenStdin;

        using var signals = result.GetValue(_sigProxy) && !tty ? SignalForwarder.Start(ctx, container.Id) : null;
        await using var attach = await AttachSession.OpenAsync(ctx, container.Id, stdin, true, true, result.GetValue(_detachKeys), ct)
            .ConfigureAwait(false);
        // It may have stopped between the first look and the attach, which would then wait forever.
        await InspectRunningAsync(ctx, container.Id, ct).ConfigureAwait(false);
        attach.Start(ctx, tty, stdin);
        using var resize = tty && ctx.StdoutIsTerminal
            ? await TerminalSizeMonitor.StartWithRedrawAsync(ctx, (h, w) => ResizeRequest(container.Id, h, w)).ConfigureAwait(false)
            : null;
        if (await attach.WaitAsync().ConfigureAwait(false)) throw new CliError(1, "read escape sequence");
        var status = await wait.StatusAsync(ctx, ct).ConfigureAwait(false);
        return status == 0 ? 0 : throw new CliError(status);
    }

    private static async Task<ContainerInspect> InspectRunningAsync(CliContext ctx, string name, CancellationToken ct)
    {
        var container = await ctx.Client.GetJsonAsync(InspectCommand.ContainerRequest(name, false), ProtocolJson.Default.ContainerInspect, ct)
            .ConfigureAwait(false);
        if (!container.State.Running) throw new CliError(1, "You cannot attach to a stopped container, start it first");
        if (container.State.Paused) throw new CliError(1, "You cannot attach to a paused container, unpause it first");
        if (container.State.Restarting) throw new CliError(1, "You cannot attach to a restarting container, wait until it is running");
        return container;
    }
}
