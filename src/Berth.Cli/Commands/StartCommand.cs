using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Parsing;
using Berth.Cli.Streams;
using Berth.Protocol.Json;

namespace Berth.Cli.Commands;

/// <summary>
/// `berth start CONTAINER...` starts each and prints its name; with -a/-i (one container only) it
/// attaches first, like run, and exits with the container's status.
/// </summary>
internal sealed class StartCommand : CliCommand
{
    private readonly Option<bool> _attach, _interactive;
    private readonly Option<string> _detachKeys;

    public StartCommand(string name = "start")
        : base(name, "Start one or more stopped containers", "[OPTIONS] CONTAINER [CONTAINER...]", ArgRule.AtLeast(1))
    {
        AliasesHelp = "berth container start, berth start";
        _attach = Flag("--attach", "-a", "Attach STDOUT/STDERR and forward signals");
        _interactive = Flag("--interactive", "-i", "Attach container's STDIN");
        _detachKeys = Value("--detach-keys", null, "Override the key sequence for detaching a container");
    }

    public static ApiRequest BuildRequest(string container) => ApiRequest.Post($"/containers/{ApiRequest.Segment(container)}/start");

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var names = Args(result);
        if (result.GetValue(_attach) || result.GetValue(_interactive))
        {
            if (names.Length > 1) throw new CliError(1, "you cannot start and attach multiple containers at once");
            return await StartAttachedAsync(ctx, names[0], result.GetValue(_interactive), result.GetValue(_detachKeys), ct).ConfigureAwait(false);
        }

        var failed = new List<string>();
        foreach (var name in names)
        {
            try
            {
                await ctx.Client.SendAndForgetAsync(BuildRequest(name), ct).ConfigureAwait(false);
                ctx.Out.WriteLine(name);
            }
            catch (DaemonException ex)
            {
                // docker prints each failure at once, then a summary line.
                ctx.Err.WriteLine(ex.Display);
                failed.Add(name);
            }
        }
        if (failed.Count > 0) throw new CliError(1, "Error: failed to start containers: " + string.Join(", ", failed));
        return 0;
    }

    private static async Task<int> StartAttachedAsync(CliContext ctx, string name, bool interactive, string? detachKeys, CancellationToken ct)
    {
        var container = await ctx.Client.GetJsonAsync(InspectCommand.ContainerRequest(name, false),
            ProtocolJson.Default.ContainerInspect, ct).ConfigureAwait(false);
        var tty = container.Config.Tty;
        var stdin = interactive && container.Config.OpenStdin;
        using var signals = tty ? null : SignalForwarder.Start(ctx, container.Id);
        await using var attach = await AttachSession.OpenAsync(ctx, container.Id, stdin, true, true, detachKeys, ct).ConfigureAwait(false);
        attach.Start(ctx, tty, stdin);
        using var wait = await ContainerExitWaiter.RegisterAsync(ctx, container.Id, container.HostConfig.AutoRemove, ct)
            .ConfigureAwait(false);
        await ctx.Client.SendAndForgetAsync(BuildRequest(container.Id), ct).ConfigureAwait(false);
        using var resize = tty && ctx.StdoutIsTerminal ? TerminalSizeMonitor.Start(ctx, (h, w) => AttachCommand.ResizeRequest(container.Id, h, w)) : null;
        if (await attach.WaitAsync().ConfigureAwait(false)) return 0;
        var code = await wait.StatusAsync(ctx, ct).ConfigureAwait(false);
        return code == 0 ? 0 : throw new CliError(code);
    }
}
