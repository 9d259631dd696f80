using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Parsing;

namespace Berth.Cli.Commands;

/// <summary>`berth rm [-f] [-v] CONTAINER...`: DELETE /containers/{id}?force=&amp;v=&amp;link=.</summary>
internal sealed class RmCommand : CliCommand
{
    private readonly Option<bool> _force, _volumes, _link;

    public RmCommand(string name = "rm") : base(name, "Remove one or more containers", "[OPTIONS] CONTAINER [CONTAINER...]", ArgRule.AtLeast(1))
    {
        AliasesHelp = "berth container rm, berth container remove, berth rm";
        _force = Flag("--force", "-f", "Force the removal of a running container (uses SIGKILL)");
        _link = Flag("--link", "-l", "Remove the specified link");
        _volumes = Flag("--volumes", "-v", "Remove anonymous volumes associated with the container");
    }

    public static ApiRequest BuildRequest(string container, bool force, bool volumes, bool link) =>
        ApiRequest.Delete($"/containers/{ApiRequest.Segment(container)}") with
        {
            Query = new QueryBuilder().FlagIfSet("v", volumes).FlagIfSet("link", link).FlagIfSet("force", force).Build(),
        };

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        bool force = result.GetValue(_force), volumes = result.GetValue(_volumes), link = result.GetValue(_link);
        await ContainerBatch.RunAsync(ctx, Args(result), async name =>
        {
            var trimmed = name.Trim('/');
            if (trimmed.Length == 0) throw new CliError(1, "Container name cannot be empty");
            await ctx.Client.SendAndForgetAsync(BuildRequest(trimmed, force, volumes, link), ct).ConfigureAwait(false);
            return name;
        }, parallel: true).ConfigureAwait(false);
        return 0;
    }
}
