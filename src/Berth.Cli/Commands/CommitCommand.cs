using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Formatting;
using Berth.Cli.Parsing;
using Berth.Protocol.Json;

namespace Berth.Cli.Commands;

/// <summary>`berth commit [-a] [-m] [-c] [-p] CONTAINER [REPOSITORY[:TAG]]`: POST /commit; prints the new image ID.</summary>
internal sealed class CommitCommand : CliCommand
{
    private readonly Option<string> _author, _message;
    private readonly Option<string[]> _change;
    private readonly Option<bool> _pause;

    public CommitCommand(string name = "commit")
        : base(name, "Create a new image from a container's changes", "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]", ArgRule.Between(1, 2))
    {
        AliasesHelp = "berth container commit, berth commit";
        _author = Value("--author", "-a", "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")");
        _change = List("--change", "-c", "Apply Dockerfile instruction to the created image");
        _message = Value("--message", "-m", "Commit message");
        _pause = Flag("--pause", "-p", "Pause container during commit");
        _pause.DefaultValueFactory = _ => true;
    }

    public sealed record Request(string Container, string? Reference, string? Author, string? Message, IReadOnlyList<string> Changes, bool Pause);

    public static ApiRequest BuildRequest(Request r)
    {
        var query = new QueryBuilder().Add("container", r.Container);
        if (!string.IsNullOrEmpty(r.Reference))
        {
            if (r.Reference.Contains('@')) throw new CliError(1, $"invalid reference format: {r.Reference}");
            var (repo, tag) = ImageReference.SplitTag(r.Reference);
            query.Add("repo", repo).AddIfNotEmpty("tag", tag);
        }
        query.AddIfNotEmpty("comment", r.Message).AddIfNotEmpty("author", r.Author).Add("pause", r.Pause ? "1" : "0");
        foreach (var change in r.Changes) query.Add("changes", change);
        return ApiRequest.Post("/commit") with { Query = query.Build() };
    }

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var args = Args(result);
        var request = BuildRequest(new Request(args[0], args.ElementAtOrDefault(1), result.GetValue(_author), result.GetValue(_message),
            result.GetValue(_change) ?? [], result.GetValue(_pause)));
        var reply = await ctx.Client.GetJsonAsync(request, ProtocolJson.Default.IdResponse, ct).ConfigureAwait(false);
        ctx.Out.Write(reply.Id + "\n");
        return 0;
    }
}
