using System.CommandLine;
using System.Text;
using Berth.Cli.Client;
using Berth.Cli.Formatting;
using Berth.Cli.Parsing;
using Berth.Protocol.Json;

namespace Berth.Cli.Commands;

/// <summary>`berth top CONTAINER [ps OPTIONS]`: GET /containers/{id}/top?ps_args=, shown as docker's table.</summary>
internal sealed class TopCommand : CliCommand
{
    public TopCommand(string name = "top") : base(name, "Display the running processes of a container", "CONTAINER [ps OPTIONS]", ArgRule.AtLeast(1))
    {
        AliasesHelp = "berth container top, berth top";
        // Everything after the container goes to ps, flags included.
        StopAtFirstPositional = true;
    }

    public static ApiRequest BuildRequest(string container, IReadOnlyList<string> psArgs) =>
        ApiRequest.Get($"/containers/{ApiRequest.Segment(container)}/top") with
        {
            Query = new QueryBuilder().AddIfNotEmpty("ps_args", string.Join(' ', psArgs)).Build(),
        };

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var args = Args(result);
        var top = await ctx.Client.GetJsonAsync(BuildRequest(args[0], args.Skip(1).ToList()), ProtocolJson.Default.ContainerTopResponse, ct)
            .ConfigureAwait(false);
        var sb = new StringBuilder();
        sb.Append(string.Join('\t', top.Titles)).Append('\n');
        foreach (var row in top.Processes) sb.Append(string.Join('\t', row)).Append('\n');
        // docker's top writes through tabwriter.NewWriter(out, 20, 1, 3, ' ', 0).
        ctx.Out.Write(TabWriter.Align(sb.ToString(), minWidth: 20));
        return 0;
    }
}
