using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Parsing;

namespace Berth.Cli.Commands;

/// <summary>`berth kill [-s SIGNAL] CONTAINER...`: POST /containers/{id}/kill?signal= (the daemon defaults to SIGKILL).</summary>
internal sealed class KillCommand : CliCommand
{
    private readonly Option<string> _signal;

    public KillCommand(string name = "kill") : base(name, "Kill one or more running containers", "[OPTIONS] CONTAINER [CONTAINER...]", ArgRule.AtLeast(1))
    {
        AliasesHelp = "berth container kill, berth kill";
        _signal = Value("--signal", "-s", "Signal to send to the container");
    }

    public static ApiRequest BuildRequest(string container, string? signal) =>
        ApiRequest.Post($"/containers/{ApiRequest.Segment(container)}/kill") with
        {
            Query = new QueryBuilder().AddIfNotEmpty("signal", signal).Build(),
        };

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var signal = result.GetValue(_signal);
        await ContainerBatch.RunAsync(ctx, Args(result), async name =>
        {
            await ctx.Client.SendAndForgetAsync(BuildRequest(name, signal), ct).ConfigureAwait(false);
            return name;
        }, parallel: true).ConfigureAwait(false);
        return 0;
    }
}
