using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Options;
using Berth.Cli.Parsing;
using Berth.Protocol.Formatting;
using Berth.Protocol.Json;

namespace Berth.Cli.Commands;

/// <summary>`berth container prune [-f] [--filter until=|label=]`: POST /containers/prune after docker's confirmation.</summary>
internal sealed class ContainerPruneCommand : CliCommand
{
    private readonly Option<bool> _force;
    private readonly Option<string[]> _filter;

    public ContainerPruneCommand() : base("prune", "Remove all stopped containers", "[OPTIONS]", ArgRule.Exactly(0))
    {
        AliasesHelp = "berth container prune";
        _force = Flag("--force", "-f", "Do not prompt for confirmation");
        _filter = List("--filter", null, "Provide filter values (e.g. \"until=<timestamp>\")", "filter");
    }

    public static ApiRequest BuildRequest(IReadOnlyList<string> filterFlags) => PruneRequest.Build("/containers/prune", filterFlags);

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var request = BuildRequest(result.GetValue(_filter) ?? []);
        if (!result.GetValue(_force))
        {
            ctx.Out.Write("WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ");
            using var reader = new StreamReader(ctx.Stdin, leaveOpen: true);
            var answer = (await reader.ReadLineAsync(ct).ConfigureAwait(false))?.Trim();
            // docker 28 says nothing more and exits 0 when the answer is not yes.
            if (answer is not ("y" or "Y" or "yes" or "Yes" or "YES")) return 0;
        }
        var report = await ctx.Client.GetJsonAsync(request, ProtocolJson.Default.ContainerPruneResponse, ct).ConfigureAwait(false);
        if (report.ContainersDeleted is { Count: > 0 } deleted)
        {
            ctx.Out.WriteLine("Deleted Containers:");
            foreach (var id in deleted) ctx.Out.WriteLine(id);
            ctx.Out.WriteLine();
        }
        ctx.Out.WriteLine($"Total reclaimed space: {HumanUnits.HumanSizeWithPrecision(report.SpaceReclaimed, 4)}");
        return 0;
    }
}
