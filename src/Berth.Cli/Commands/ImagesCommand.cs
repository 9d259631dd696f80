using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Formatting;
using Berth.Cli.Options;
using Berth.Cli.Parsing;
using Berth.Protocol.Json;

namespace Berth.Cli.Commands;

/// <summary>`berth images` / `berth image ls`: GET /images/json rendered as docker's table or a template.</summary>
internal sealed class ImagesCommand : CliCommand
{
    private readonly Option<bool> _all, _quiet, _noTrunc, _digests;
    private readonly Option<string> _format;
    private readonly Option<string[]> _filter;

    public ImagesCommand(string name = "images") : base(name, "List images", "[OPTIONS] [REPOSITORY[:TAG]]", ArgRule.AtMost(1))
    {
        AliasesHelp = "berth image ls, berth image list, berth images";
        _all = Flag("--all", "-a", "Show all images (default hides intermediate images)");
        _digests = Flag("--digests", null, "Show digests");
        _filter = List("--filter", "-f", "Filter output based on conditions provided", "filter");
        _format = Value("--format", null, "Format output using a custom template: 'table', 'table TEMPLATE', 'json' or 'TEMPLATE'");
        _noTrunc = Flag("--no-trunc", null, "Don't truncate output");
        _quiet = Flag("--quiet", "-q", "Only show image IDs");
    }

    public sealed record Request(bool All, IReadOnlyList<string> Filters, string? Reference);

    public static ApiRequest BuildRequest(Request r)
    {
        FilterArgs filters;
        try { filters = FilterArgs.Parse(r.Filters); }
        catch (FormatException ex) { throw ContainerCreateMapper.FlagError(r.Filters.First(f => !f.Contains('=')), "-f, --filter", ex.Message); }
        if (!string.IsNullOrEmpty(r.Reference)) filters.Add("reference", r.Reference);
        var query = new QueryBuilder().FlagIfSet("all", r.All);
        if (filters.Count > 0) query.Add("filters", filters.ToJson());
        return ApiRequest.Get("/images/json") with { Query = query.Build() };
    }

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var args = Args(result);
        var request = BuildRequest(new Request(result.GetValue(_all), result.GetValue(_filter) ?? [], args.FirstOrDefault()));
        var images = await ctx.Client.GetJsonAsync(request, ProtocolJson.Default.ListImageSummary, ct).ConfigureAwait(false);

        var format = result.GetValue(_format);
        if (string.IsNullOrEmpty(format)) format = "table";
        var showDigests = result.GetValue(_digests);
        if (format == "table")
        {
            format = result.GetValue(_quiet) ? "{{.ID}}"
                : showDigests ? ImageRows.DefaultTableFormatWithDigest : ImageRows.DefaultTableFormat;
        }
        else if (format.StartsWith("table", StringComparison.Ordinal) && showDigests && !format.Contains("{{.Digest}}", StringComparison.Ordinal))
        {
            format += "\t{{.Digest}}";
        }
        var rows = ImageRows.Build(images, !result.GetValue(_noTrunc),
            showDigests || format.Contains("{{.Digest}}", StringComparison.Ordinal), ctx.Clock());
        RowOutput.Write(ctx, format, rows, ImageRows.Headers);
        return 0;
    }
}
