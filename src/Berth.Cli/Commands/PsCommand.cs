using System.CommandLine;
using System.Globalization;
using Berth.Cli.Client;
using Berth.Cli.Formatting;
using Berth.Cli.Options;
using Berth.Cli.Parsing;
using Berth.Protocol.Json;

namespace Berth.Cli.Commands;

/// <summary>`berth ps` / `berth container ls`: GET /containers/json rendered as docker's table or a template.</summary>
internal sealed class PsCommand : CliCommand
{
    private readonly Option<bool> _all, _quiet, _latest, _noTrunc, _size;
    private readonly Option<string> _last, _format;
    private readonly Option<string[]> _filter;

    public PsCommand(string name = "ps") : base(name, "List containers", "[OPTIONS]", ArgRule.None)
    {
        AliasesHelp = "berth container ls, berth container list, berth container ps, berth ps";
        _all = Flag("--all", "-a", "Show all containers (default shows just running)");
        _filter = List("--filter", "-f", "Filter output based on conditions provided", "filter");
        _format = Value("--format", null, "Format output using a custom template: 'table', 'table TEMPLATE', 'json' or 'TEMPLATE'");
        _last = Value("--last", "-n", "Show n last created containers (includes all states) (default -1)", "int");
        _latest = Flag("--latest", "-l", "Show the latest created container (includes all states)");
        _noTrunc = Flag("--no-trunc", null, "Don't truncate output");
        _quiet = Flag("--quiet", "-q", "Only display container IDs");
        _size = Flag("--size", "-s", "Display total file sizes");
    }

    public sealed record Request(bool All, int Last, bool Latest, bool Size, IReadOnlyList<string> Filters);

    /// <summary>The query docker's client sends: all, limit (-n or 1 for -l), size and the JSON filters.</summary>
    public static ApiRequest BuildRequest(Request r)
    {
        FilterArgs filters;
        try { filters = FilterArgs.Parse(r.Filters); }
        catch (FormatException ex)
        {
            throw ContainerCreateMapper.FlagError(r.Filters.First(f => !f.Contains('=')), "-f, --filter", ex.Message);
        }
        var limit = r.Latest && r.Last == -1 ? 1 : r.Last;
        var query = new QueryBuilder()
            .FlagIfSet("all", r.All)
            .AddIf(limit > 0, "limit", limit.ToString(CultureInfo.InvariantCulture))
            .FlagIfSet("size", r.Size);
        if (filters.Count > 0) query.Add("filters", filters.ToJson());
        return ApiRequest.Get("/containers/json") with { Query = query.Build() };
    }

    public Request ReadRequest(ParseResult result)
    {
        var lastText = result.GetValue(_last);
        var last = -1;
        if (lastText is not null && !int.TryParse(lastText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out last))
            throw ContainerCreateMapper.FlagError(lastText, "-n, --last", $"strconv.ParseInt: parsing \"{lastText}\": invalid syntax");
        var format = result.GetValue(_format) ?? "";
        // A template that shows .Size (or the whole row, {{json .}}) needs the daemon to compute
        // sizes; docker asks for them then, unless --size was given explicitly.
        var sizeGiven = result.GetResult(_size) is { Implicit: false };
        var size = sizeGiven ? result.GetValue(_size) : !result.GetValue(_quiet) && UsesSize(format);
        return new Request(result.GetValue(_all), last, result.GetValue(_latest), size, result.GetValue(_filter) ?? []);
    }

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var request = ReadRequest(result);
        var containers = await ctx.Client.GetJsonAsync(BuildRequest(request), ProtocolJson.Default.ListContainerSummary, ct)
            .ConfigureAwait(false);
        var format = ResolveFormat(result.GetValue(_format), result.GetValue(_quiet), result.GetValue(_size));
        var now = ctx.Clock();
        var trunc = !result.GetValue(_noTrunc);
        var rows = containers.Select(c => ContainerRows.Build(c, trunc, now)).ToList();
        RowOutput.Write(ctx, format, rows, ContainerRows.Headers);
        return 0;
    }

    internal static bool UsesSize(string format)
    {
        if (format.Contains(".Size", StringComparison.Ordinal)) return true;
        // "{{json .}}", "{{ json . }}", "{{- json . -}}": the whole row, Size included.
        var compact = string.Concat(format.Where(c => !char.IsWhiteSpace(c)));
        return compact.Contains("json.}}", StringComparison.Ordinal) || compact.Contains("json.-}}", StringComparison.Ordinal);
    }

    /// <summary>docker's NewContainerFormat: -q wins over any format; "table" means the default columns.</summary>
    public static string ResolveFormat(string? format, bool quiet, bool size)
    {
        if (quiet) return "{{.ID}}";
        if (string.IsNullOrEmpty(format) || format == "table")
            return size ? ContainerRows.DefaultTableFormat + "\t{{.Size}}" : ContainerRows.DefaultTableFormat;
        return format;
    }
}
