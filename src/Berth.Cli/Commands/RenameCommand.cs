using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Parsing;

namespace Berth.Cli.Commands;

/// <summary>`berth rename CONTAINER NEW_NAME`: POST /containers/{id}/rename?name=.</summary>
internal sealed class RenameCommand : CliCommand
{
    public RenameCommand(string name = "rename") : base(name, "Rename a container", "CONTAINER NEW_NAME", ArgRule.Exactly(2))
    {
        AliasesHelp = "berth container rename, berth rename";
    }

    public static ApiRequest BuildRequest(string container, string newName) =>
        ApiRequest.Post($"/containers/{ApiRequest.Segment(container)}/rename") with
        {
            Query = new QueryBuilder().Add("name", newName).Build(),
        };

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var args = Args(result);
        var (oldName, newName) = (args[0].Trim(), args[1].Trim());
        if (oldName.Length == 0 || newName.Length == 0) throw new CliError(1, "Error: Neither old nor new names may be empty");
        try
        {
            await ctx.Client.SendAndForgetAsync(BuildRequest(oldName, newName), ct).ConfigureAwait(false);
        }
        catch (DaemonException ex)
        {
            ctx.Err.WriteLine(ex.Display);
            throw new CliError(1, $"Error: failed to rename container named {oldName}");
        }
        return 0;
    }
}
