using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Parsing;

namespace Berth.Cli.Commands;

/// <summary>`berth save [-o file] IMAGE...`: GET /images/get?names=... streamed to a file or stdout.</summary>
internal sealed class SaveCommand : CliCommand
{
    private readonly Option<string> _output;

    public SaveCommand(string name = "save")
        : base(name, "Save one or more images to a tar archive (streamed to STDOUT by default)", "[OPTIONS] IMAGE [IMAGE...]", ArgRule.AtLeast(1))
    {
        AliasesHelp = "berth image save, berth save";
        _output = Value("--output", "-o", "Write to a file, instead of STDOUT");
    }

    public static ApiRequest BuildRequest(IEnumerable<string> images) =>
        ApiRequest.Get("/images/get") with { Query = images.Select(i => new KeyValuePair<string, string>("names", i)).ToArray() };

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var output = result.GetValue(_output);
        TarOutput.RefuseTerminal(ctx, output);
        using var response = await ctx.Client.SendAsync(BuildRequest(Args(result)), ct).ConfigureAwait(false);
        await TarOutput.WriteAsync(ctx, response.Body, output, "failed to save image", ct).ConfigureAwait(false);
        return 0;
    }
}
