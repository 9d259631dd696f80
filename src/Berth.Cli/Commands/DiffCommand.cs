using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Parsing;
using Berth.Protocol.Json;

namespace Berth.Cli.Commands;

/// <summary>`berth diff CONTAINER`: GET /containers/{id}/changes, one "A|C|D path" line each, in the daemon's order.</summary>
internal sealed class DiffCommand : CliCommand
{
    public DiffCommand(string name = "diff")
        : base(name, "Inspect changes to files or directories on a container's filesystem", "CONTAINER", ArgRule.Exactly(1))
    {
        AliasesHelp = "berth container diff, berth diff";
    }

    public static ApiRequest BuildRequest(string container) => ApiRequest.Get($"/containers/{ApiRequest.Segment(container)}/changes");

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var changes = await ctx.Client.GetJsonAsync(BuildRequest(Args(result)[0]), ProtocolJson.Default.ListFilesystemChange, ct).ConfigureAwait(false);
        foreach (var change in changes)
        {
            var kind = change.Kind switch { 1 => "A", 2 => "D", _ => "C" };
            ctx.Out.Write($"{kind} {change.Path}\n");
        }
        return 0;
    }
}
