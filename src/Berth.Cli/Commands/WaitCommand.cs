using System.CommandLine;
using System.Globalization;
using Berth.Cli.Client;
using Berth.Cli.Parsing;
using Berth.Protocol.Json;

namespace Berth.Cli.Commands;

/// <summary>`berth wait CONTAINER...`: POST /containers/{id}/wait for each, printing the exit codes.</summary>
internal sealed class WaitCommand : CliCommand
{
    public WaitCommand(string name = "wait")
        : base(name, "Block until one or more containers stop, then print their exit codes", "CONTAINER [CONTAINER...]", ArgRule.AtLeast(1))
    {
        AliasesHelp = "berth container wait, berth wait";
    }

    /// <param name="condition">"not-running" (default), "next-exit" or "removed".</param>
    public static ApiRequest BuildRequest(string container, string? condition = null) =>
        ApiRequest.Post($"/containers/{ApiRequest.Segment(container)}/wait") with
        {
            Query = new QueryBuilder().AddIfNotEmpty("condition", condition).Build(),
        };

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        await ContainerBatch.RunAsync(ctx, Args(result), async name =>
        {
            var response = await ctx.Client.GetJsonAsync(BuildRequest(name), ProtocolJson.Default.ContainerWaitResponse, ct)
                .ConfigureAwait(false);
            if (response.Error is { Message.Length: > 0 } error) throw new CliError(1, error.Message);
            return response.StatusCode.ToString(CultureInfo.InvariantCulture);
        }).ConfigureAwait(false);
        return 0;
    }
}
