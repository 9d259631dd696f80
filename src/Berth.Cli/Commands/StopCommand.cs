using System.CommandLine;
using System.Globalization;
using Berth.Cli.Client;
using Berth.Cli.Options;
using Berth.Cli.Parsing;

namespace Berth.Cli.Commands;

/// <summary>
/// `berth stop` and `berth restart`: POST /containers/{id}/stop|restart?t=&amp;signal= for each
/// container, printing each name as given.
/// </summary>
internal sealed class StopCommand : CliCommand
{
    private readonly string _action;
    private readonly Option<string> _timeout, _time, _signal;

    public StopCommand(string name = "stop", bool restart = false)
        : base(name, restart ? "Restart one or more containers" : "Stop one or more running containers",
            "[OPTIONS] CONTAINER [CONTAINER...]", ArgRule.AtLeast(1))
    {
        _action = restart ? "restart" : "stop";
        AliasesHelp = $"berth container {_action}, berth {_action}";
        _signal = Value("--signal", "-s", "Signal to send to the container");
        _timeout = Value("--timeout", "-t", "Seconds to wait before killing the container", "int");
        // Older docker spelled it --time; kept as a hidden alias.
        _time = Value("--time", null, "Seconds to wait before killing the container (deprecated: use --timeout)", "int", hidden: true);
    }

    public static ApiRequest BuildRequest(string action, string container, int? timeout, string? signal) =>
        ApiRequest.Post($"/containers/{ApiRequest.Segment(container)}/{action}") with
        {
            Query = new QueryBuilder()
                .AddIf(timeout.HasValue, "t", timeout?.ToString(CultureInfo.InvariantCulture) ?? "")
                .AddIfNotEmpty("signal", signal)
                .Build(),
        };

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var timeout = ReadTimeout(result);
        var signal = result.GetValue(_signal);
        await ContainerBatch.RunAsync(ctx, Args(result), async name =>
        {
            await ctx.Client.SendAndForgetAsync(BuildRequest(_action, name, timeout, signal), ct).ConfigureAwait(false);
            return name;
        }, parallel: true).ConfigureAwait(false);
        return 0;
    }

    private int? ReadTimeout(ParseResult result)
    {
        var (text, flag) = result.GetValue(_timeout) is { } t ? (t, "-t, --timeout") : (result.GetValue(_time), "--time");
        if (text is null) return null;
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : throw ContainerCreateMapper.FlagError(text, flag, $"strconv.ParseInt: parsing \"{text}\": invalid syntax");
    }
}
