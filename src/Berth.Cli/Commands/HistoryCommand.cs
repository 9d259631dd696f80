using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Formatting;
using Berth.Cli.Parsing;
using Berth.Protocol.Json;

namespace Berth.Cli.Commands;

/// <summary>`berth history IMAGE`: GET /images/{name}/history as docker's table.</summary>
internal sealed class HistoryCommand : CliCommand
{
    private readonly Option<string> _format;
    private readonly Option<bool> _human, _noTrunc, _quiet;

    public HistoryCommand(string name = "history") : base(name, "Show the history of an image", "[OPTIONS] IMAGE", ArgRule.Exactly(1))
    {
        AliasesHelp = "berth image history, berth history";
        _format = Value("--format", null, "Format output using a custom template: 'table', 'table TEMPLATE', 'json' or 'TEMPLATE'");
        _human = Flag("--human", "-H", "Print sizes and dates in human readable format (default true)");
        _human.DefaultValueFactory = _ => true;
        _noTrunc = Flag("--no-trunc", null, "Don't truncate output");
        _quiet = Flag("--quiet", "-q", "Only show image IDs");
    }

    public static ApiRequest BuildRequest(string image) => ApiRequest.Get($"/images/{ApiRequest.Segment(image)}/history");

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var human = result.GetValue(_human);
        var history = await ctx.Client.GetJsonAsync(BuildRequest(Args(result)[0]), ProtocolJson.Default.ListImageHistoryItem, ct)
            .ConfigureAwait(false);
        var format = result.GetValue(_format);
        if (string.IsNullOrEmpty(format) || format == "table")
        {
            format = result.GetValue(_quiet) ? "{{.ID}}"
                : human ? HistoryRows.DefaultTableFormat : HistoryRows.NonHumanTableFormat;
        }
        var now = ctx.Clock();
        var trunc = !result.GetValue(_noTrunc);
        var rows = history.Select(item => HistoryRows.Build(item, trunc, human, now)).ToList();
        RowOutput.Write(ctx, format, rows, HistoryRows.Headers);
        return 0;
    }
}
