using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Parsing;

namespace Berth.Cli.Commands;

/// <summary>`berth pause|unpause CONTAINER...`: POST /containers/{id}/pause|unpause for each, printing each name.</summary>
internal sealed class PauseCommand : CliCommand
{
    private readonly string _action;

    public PauseCommand(string name = "pause")
        : base(name, name == "pause" ? "Pause all processes within one or more containers" : "Unpause all processes within one or more containers",
            "CONTAINER [CONTAINER...]", ArgRule.AtLeast(1))
    {
        _action = name;
        AliasesHelp = $"berth container {name}, berth {name}";
    }

    public static ApiRequest BuildRequest(string action, string container) =>
        ApiRequest.Post($"/containers/{ApiRequest.Segment(container)}/{action}");

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        await ContainerBatch.RunAsync(ctx, Args(result), async name =>
        {
            await ctx.Client.SendAndForgetAsync(BuildRequest(_action, name), ct).ConfigureAwait(false);
            return name;
        }, parallel: true).ConfigureAwait(false);
        return 0;
    }
}
