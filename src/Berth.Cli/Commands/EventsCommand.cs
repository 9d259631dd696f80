using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Cli.Client;
using Berth.Cli.Formatting;
using Berth.Cli.Options;
using Berth.Cli.Parsing;

namespace Berth.Cli.Commands;

/// <summary>
/// `berth events`: GET /events, one line per event as it arrives, in docker's text form or through
/// --format (fields named as Go's events.Message: .Type .Action .Actor.ID .Status .ID .From .Time .TimeNano).
/// </summary>
internal sealed class EventsCommand : CliCommand
{
    private readonly Option<string> _since, _until, _format;
    private readonly Option<string[]> _filter;

    public EventsCommand(string name = "events") : base(name, "Get real time events from the server", "[OPTIONS]", ArgRule.Exactly(0))
    {
        AliasesHelp = "berth events";
        _filter = List("--filter", "-f", "Filter output based on conditions provided", "filter");
        _format = Value("--format", null, "Format output using a custom template: 'json' or 'TEMPLATE'");
        _since = Value("--since", null, "Show all events created since timestamp");
        _until = Value("--until", null, "Stream events until this timestamp");
    }

    public static ApiRequest BuildRequest(string? since, string? until, IReadOnlyList<string> filterFlags, DateTimeOffset now)
    {
        FilterArgs filters;
        try { filters = FilterArgs.Parse(filterFlags); }
        catch (FormatException ex) { throw ContainerCreateMapper.FlagError(filterFlags.First(f => !f.Contains('=')), "-f, --filter", ex.Message); }
        var query = new QueryBuilder();
        if (!string.IsNullOrEmpty(since)) query.Add("since", Timestamp(since, "since", now));
        if (!string.IsNullOrEmpty(until)) query.Add("until", Timestamp(until, "until", now));
        if (filters.Count > 0) query.Add("filters", filters.ToJson());
        return ApiRequest.Get("/events") with { Query = query.Build() };
    }

    private static string Timestamp(string value, string flag, DateTimeOffset now)
    {
        try { return TimestampArg.Convert(value, now); }
        catch (FormatException ex) { throw new CliError(1, $"invalid value for \"{flag}\": {ex.Message}"); }
    }

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var request = BuildRequest(result.GetValue(_since), result.GetValue(_until), result.GetValue(_filter) ?? [], ctx.Clock());
        var format = result.GetValue(_format);
        var raw = format is not null && (format == "json" || format.Replace(" ", "", StringComparison.Ordinal) is "{{json.}}");
        var template = string.IsNullOrEmpty(format) || raw ? null : RowOutput.ParseTemplate(format);
        using var response = await ctx.Client.SendAsync(request, ct).ConfigureAwait(false);
        using var reader = new StreamReader(response.Body, Encoding.UTF8);
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0) continue;
            if (raw) ctx.Out.WriteLine(line);
            else if (template is not null) RowOutput.WriteTemplate(ctx, template, GoFields(line));
            else ctx.Out.WriteLine(DefaultLine(line));
        }
        return 0;
    }

    /// <summary>docker's text form: "TIME TYPE ACTION ID (k=v, …)", attributes sorted by key.</summary>
    public static string DefaultLine(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var e = doc.RootElement;
        var sb = new StringBuilder();
        var nanos = e.TryGetProperty("timeNano", out var tn) ? tn.GetInt64() : 0;
        var time = DateTimeOffset.UnixEpoch.AddTicks(nanos / 100).ToLocalTime();
        sb.Append(time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture))
            .Append('.').Append((nanos % 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture))
            .Append(time.Offset == TimeSpan.Zero ? "Z" : time.ToString("zzz", CultureInfo.InvariantCulture)).Append(' ');
        var actor = e.GetProperty("Actor");
        sb.Append(e.GetProperty("Type").GetString()).Append(' ').Append(e.GetProperty("Action").GetString())
            .Append(' ').Append(actor.GetProperty("ID").GetString());
        if (actor.TryGetProperty("Attributes", out var attrs) && attrs.ValueKind == JsonValueKind.Object)
        {
            var pairs = attrs.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value.GetString()}").ToList();
            if (pairs.Count > 0) sb.Append(" (").Append(string.Join(", ", pairs)).Append(')');
        }
        return sb.ToString();
    }

    /// <summary>The message with Go's field names (the JSON tags of status, id, from, scope, time differ).</summary>
    private static JsonElement GoFields(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        var go = new JsonObject();
        foreach (var (jsonName, goName) in new[] { ("status", "Status"), ("id", "ID"), ("from", "From"), ("Type", "Type"),
                     ("Action", "Action"), ("Actor", "Actor"), ("scope", "Scope"), ("time", "Time"), ("timeNano", "TimeNano") })
            go[goName] = node[jsonName]?.DeepClone() ?? (goName is "Time" or "TimeNano" ? 0 : "");
        using var doc = JsonDocument.Parse(go.ToJsonString());
        return doc.RootElement.Clone();
    }
}
