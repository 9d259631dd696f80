using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Options;
using Berth.Cli.Parsing;
using Berth.Protocol.Containers;
using Berth.Protocol.Json;

namespace Berth.Cli.Commands;

/// <summary>`berth update --restart POLICY CONTAINER...`: POST /containers/{id}/update for each.</summary>
internal sealed class UpdateCommand : CliCommand
{
    private readonly Option<string> _restart;

    public UpdateCommand(string name = "update")
        : base(name, "Update configuration of one or more containers", "[OPTIONS] CONTAINER [CONTAINER...]", ArgRule.AtLeast(1))
    {
        AliasesHelp = "berth container update, berth update";
        _restart = Value("--restart", null, "Restart policy to apply when a container exits");
    }

    public static ApiRequest BuildRequest(string container, RestartPolicy? policy) =>
        ApiRequest.Post($"/containers/{ApiRequest.Segment(container)}/update")
            .WithJson(new ContainerUpdateRequest { RestartPolicy = policy }, ProtocolJson.Default.ContainerUpdateRequest);

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var text = result.GetValue(_restart);
        if (string.IsNullOrEmpty(text)) throw new CliError(1, "you must provide one or more flags when using this command");
        var policy = RestartPolicyText.Parse(text);
        await ContainerBatch.RunAsync(ctx, Args(result), async name =>
        {
            await ctx.Client.SendAndForgetAsync(BuildRequest(name, policy), ct).ConfigureAwait(false);
            return name;
        }).ConfigureAwait(false);
        return 0;
    }
}
