using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Parsing;
using Berth.Protocol.Json;
using Berth.Protocol.Networks;

namespace Berth.Cli.Commands.Networks;

/// <summary>`berth network disconnect [-f] NETWORK CONTAINER`: POST /networks/{id}/disconnect.</summary>
internal sealed class NetworkDisconnectCommand : CliCommand
{
    private readonly Option<bool> _force;

    public NetworkDisconnectCommand() : base("disconnect", "Disconnect a container from a network", "[OPTIONS] NETWORK CONTAINER", ArgRule.Exactly(2))
    {
        _force = Flag("--force", "-f", "Force the container to disconnect from a network");
    }

    public static ApiRequest BuildRequest(string network, string container, bool force) =>
        ApiRequest.Post($"/networks/{ApiRequest.Segment(network)}/disconnect")
            .WithJson(new NetworkDisconnectRequest { Container = container, Force = force }, ProtocolJson.Default.NetworkDisconnectRequest);

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var args = Args(result);
        await ctx.Client.SendAndForgetAsync(BuildRequest(args[0], args[1], result.GetValue(_force)), ct).ConfigureAwait(false);
        return 0;
    }
}
