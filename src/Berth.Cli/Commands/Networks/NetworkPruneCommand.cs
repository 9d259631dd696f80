using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Options;
using Berth.Cli.Parsing;
using Berth.Protocol.Json;

namespace Berth.Cli.Commands.Networks;

/// <summary>`berth network prune [-f] [--filter until=|label=]`: POST /networks/prune after docker's confirmation.</summary>
internal sealed class NetworkPruneCommand : CliCommand
{
    private const string Warning = "WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue?";

    private readonly Option<bool> _force;
    private readonly Option<string[]> _filter;

    public NetworkPruneCommand() : base("prune", "Remove all unused networks", "[OPTIONS]", ArgRule.None)
    {
        _filter = List("--filter", null, "Provide filter values (e.g. \"until=<timestamp>\")", "filter");
        _force = Flag("--force", "-f", "Do not prompt for confirmation");
    }

    public static ApiRequest BuildRequest(IReadOnlyList<string> filterFlags) => PruneRequest.Build("/networks/prune", filterFlags);

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var request = BuildRequest(result.GetValue(_filter) ?? []);
        // docker 28 says nothing more and exits 0 when the answer is not yes.
        if (!result.GetValue(_force) && !await Confirmation.AskAsync(ctx, Warning, ct).ConfigureAwait(false)) return 0;
        var report = await ctx.Client.GetJsonAsync(request, ProtocolJson.Default.NetworkPruneResponse, ct).ConfigureAwait(false);
        if (report.NetworksDeleted is { Count: > 0 } deleted)
            ctx.Out.Write("Deleted Networks:\n" + string.Concat(deleted.Select(n => n + "\n")) + "\n");
        return 0;
    }
}
