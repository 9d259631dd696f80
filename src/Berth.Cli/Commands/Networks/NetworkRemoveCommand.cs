using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Parsing;

namespace Berth.Cli.Commands.Networks;

/// <summary>
/// `berth network rm NETWORK...`: DELETE /networks/{id} for each, in order. As docker: each removed
/// name on stdout, each failure on stderr as it happens, then "exit status 1"; -f passes over
/// networks that do not exist.
/// </summary>
internal sealed class NetworkRemoveCommand : CliCommand
{
    private readonly Option<bool> _force;

    public NetworkRemoveCommand() : base("rm", "Remove one or more networks", "NETWORK [NETWORK...]", ArgRule.AtLeast(1))
    {
        AliasesHelp = "berth network rm, berth network remove";
        _force = Flag("--force", "-f", "Do not error if the network does not exist");
    }

    public static ApiRequest BuildRequest(string network) => ApiRequest.Delete($"/networks/{ApiRequest.Segment(network)}");

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var force = result.GetValue(_force);
        var failed = false;
        foreach (var name in Args(result))
        {
            try
            {
                await ctx.Client.SendAndForgetAsync(BuildRequest(name), ct).ConfigureAwait(false);
                ctx.Out.WriteLine(name);
            }
            catch (DaemonException ex) when (force && ex.IsNotFound)
            {
            }
            catch (DaemonException ex)
            {
                ctx.Err.WriteLine(ex.Display);
                failed = true;
            }
        }
        return failed ? throw new CliError(1, "exit status 1") : 0;
    }
}
