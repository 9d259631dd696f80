using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Formatting;
using Berth.Cli.Parsing;

namespace Berth.Cli.Commands;

/// <summary>`berth tag SOURCE TARGET`: POST /images/{source}/tag?repo=&amp;tag= (tag defaults to "latest").</summary>
internal sealed class TagCommand : CliCommand
{
    public TagCommand(string name = "tag")
        : base(name, "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE", "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]", ArgRule.Exactly(2))
    {
        AliasesHelp = "berth image tag, berth tag";
    }

    public static ApiRequest BuildRequest(string source, string target)
    {
        if (target.Contains('@')) throw new CliError(1, "refusing to create a tag with a digest reference");
        var (repo, tag) = ImageReference.SplitTag(target);
        return ApiRequest.Post($"/images/{ApiRequest.Segment(source)}/tag") with
        {
            Query = new QueryBuilder().Add("repo", repo).Add("tag", tag ?? "latest").Build(),
        };
    }

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var args = Args(result);
        await ctx.Client.SendAndForgetAsync(BuildRequest(args[0], args[1]), ct).ConfigureAwait(false);
        return 0;
    }
}
