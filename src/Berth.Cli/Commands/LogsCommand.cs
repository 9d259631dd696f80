using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Options;
using Berth.Cli.Parsing;
using Berth.Cli.Streams;
using Berth.Protocol.Json;

namespace Berth.Cli.Commands;

/// <summary>
/// `berth logs CONTAINER`: inspects the container to learn whether it has a TTY, then streams
/// GET /containers/{id}/logs, splitting the multiplexed stream onto stdout and stderr.
/// </summary>
internal sealed class LogsCommand : CliCommand
{
    private readonly Option<bool> _follow, _timestamps, _details;
    private readonly Option<string> _tail, _since, _until;

    public LogsCommand(string name = "logs") : base(name, "Fetch the logs of a container", "[OPTIONS] CONTAINER", ArgRule.Exactly(1))
    {
        AliasesHelp = "berth container logs, berth logs";
        _details = Flag("--details", null, "Show extra details provided to logs");
        _follow = Flag("--follow", "-f", "Follow log output");
        _since = Value("--since", null, "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)");
        _tail = Value("--tail", "-n", "Number of lines to show from the end of the logs (default \"all\")");
        _timestamps = Flag("--timestamps", "-t", "Show timestamps");
        _until = Value("--until", null, "Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)");
    }

    public sealed record Request(string Container, bool Follow, bool Timestamps, bool Details, string? Tail, string? Since, string? Until);

    public static ApiRequest BuildRequest(Request r, DateTimeOffset now)
    {
        var query = new QueryBuilder().Add("stdout", "1").Add("stderr", "1");
        if (!string.IsNullOrEmpty(r.Since)) query.Add("since", Timestamp(r.Since, "since", now));
        query.FlagIfSet("timestamps", r.Timestamps).FlagIfSet("details", r.Details).FlagIfSet("follow", r.Follow);
        query.Add("tail", string.IsNullOrEmpty(r.Tail) ? "all" : r.Tail);
        if (!string.IsNullOrEmpty(r.Until)) query.Add("until", Timestamp(r.Until, "until", now));
        return ApiRequest.Get($"/containers/{ApiRequest.Segment(r.Container)}/logs") with { Query = query.Build() };
    }

    private static string Timestamp(string value, string flag, DateTimeOffset now)
    {
        try { return TimestampArg.Convert(value, now); }
        catch (FormatException ex) { throw new CliError(1, $"invalid value for \"{flag}\": {ex.Message}"); }
    }

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var name = Args(result)[0];
        var request = BuildRequest(new Request(name, result.GetValue(_follow), result.GetValue(_timestamps),
            result.GetValue(_details), result.GetValue(_tail), result.GetValue(_since), result.GetValue(_until)), ctx.Clock());
        var container = await ctx.Client.GetJsonAsync(InspectCommand.ContainerRequest(name, false),
            ProtocolJson.Default.ContainerInspect, ct).ConfigureAwait(false);
        using var response = await ctx.Client.SendAsync(request, ct).ConfigureAwait(false);
        // Like docker, trust the container's Tty setting rather than the Content-Type, which
        // older daemons set to raw-stream even for multiplexed output.
        await StreamDemuxer.CopyAsync(response.Body, ctx.StdoutStream, ctx.StderrStream, container.Config.Tty, ct)
            .ConfigureAwait(false);
        return 0;
    }
}
