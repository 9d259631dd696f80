using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Parsing;
using Berth.Protocol.Json;

namespace Berth.Cli.Commands;

/// <summary>`berth rmi` / `berth image rm`: DELETE /images/{name} per image, printing Untagged/Deleted lines.</summary>
internal sealed class RmiCommand : CliCommand
{
    private readonly Option<bool> _force, _noPrune;

    public RmiCommand(string name = "rmi") : base(name, "Remove one or more images", "[OPTIONS] IMAGE [IMAGE...]", ArgRule.AtLeast(1))
    {
        AliasesHelp = "berth image rm, berth image remove, berth rmi";
        _force = Flag("--force", "-f", "Force removal of the image");
        _noPrune = Flag("--no-prune", null, "Do not delete untagged parents");
    }

    public static ApiRequest BuildRequest(string image, bool force, bool noPrune) =>
        ApiRequest.Delete($"/images/{ApiRequest.Segment(image)}") with
        {
            Query = new QueryBuilder().FlagIfSet("force", force).FlagIfSet("noprune", noPrune).Build(),
        };

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var errors = new List<string>();
        foreach (var image in Args(result))
        {
            try
            {
                var request = BuildRequest(image, result.GetValue(_force), result.GetValue(_noPrune));
                var items = await ctx.Client.GetJsonAsync(request, ProtocolJson.Default.ListImageDeleteItem, ct).ConfigureAwait(false);
                foreach (var item in items)
                {
                    if (item.Deleted is not null) ctx.Out.WriteLine("Deleted: " + item.Deleted);
                    else if (item.Untagged is not null) ctx.Out.WriteLine("Untagged: " + item.Untagged);
                }
            }
            catch (DaemonException ex)
            {
                errors.Add(ex.Display);
            }
        }
        if (errors.Count > 0) throw new CliError(1, string.Join('\n', errors));
        return 0;
    }
}
