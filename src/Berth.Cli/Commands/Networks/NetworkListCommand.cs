using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Formatting;
using Berth.Cli.Options;
using Berth.Cli.Parsing;
using Berth.Protocol.Json;

namespace Berth.Cli.Commands.Networks;

/// <summary>`berth network ls`: GET /networks?filters=, sorted by name and rendered as docker's table or a template.</summary>
internal sealed class NetworkListCommand : CliCommand
{
    private readonly Option<bool> _noTrunc, _quiet;
    private readonly Option<string> _format;
    private readonly Option<string[]> _filter;

    public NetworkListCommand() : base("ls", "List networks", "[OPTIONS]", ArgRule.None)
    {
        AliasesHelp = "berth network ls, berth network list";
        _filter = List("--filter", "-f", "Provide filter values (e.g. \"driver=bridge\")", "filter");
        _format = Value("--format", null, "Format output using a custom template: 'table', 'table TEMPLATE', 'json' or 'TEMPLATE'");
        _noTrunc = Flag("--no-trunc", null, "Do not truncate the output");
        _quiet = Flag("--quiet", "-q", "Only display network IDs");
    }

    public static ApiRequest BuildRequest(IReadOnlyList<string> filterFlags)
    {
        FilterArgs filters;
        try { filters = FilterArgs.Parse(filterFlags); }
        catch (FormatException ex) { throw ContainerCreateMapper.FlagError(filterFlags.First(f => !f.Contains('=')), "-f, --filter", ex.Message); }
        var query = new QueryBuilder();
        if (filters.Count > 0) query.Add("filters", filters.ToJson());
        return ApiRequest.Get("/networks") with { Query = query.Build() };
    }

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var networks = await ctx.Client.GetJsonAsync(BuildRequest(result.GetValue(_filter) ?? []), ProtocolJson.Default.ListNetworkInspect, ct)
            .ConfigureAwait(false);
        var format = NetworkRows.ResolveFormat(result.GetValue(_format), result.GetValue(_quiet));
        RowOutput.Write(ctx, format, NetworkRows.Build(networks, !result.GetValue(_noTrunc)), NetworkRows.Headers);
        return 0;
    }
}
