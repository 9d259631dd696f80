using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Parsing;

namespace Berth.Cli.Commands;

/// <summary>`berth export [-o file] CONTAINER`: GET /containers/{id}/export streamed to a file or stdout.</summary>
internal sealed class ExportCommand : CliCommand
{
    private readonly Option<string> _output;

    public ExportCommand(string name = "export")
        : base(name, "Export a container's filesystem as a tar archive", "[OPTIONS] CONTAINER", ArgRule.Exactly(1))
    {
        AliasesHelp = "berth container export, berth export";
        _output = Value("--output", "-o", "Write to a file, instead of STDOUT");
    }

    public static ApiRequest BuildRequest(string container) => ApiRequest.Get($"/containers/{ApiRequest.Segment(container)}/export");

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var output = result.GetValue(_output);
        TarOutput.RefuseTerminal(ctx, output);
        using var response = await ctx.Client.SendAsync(BuildRequest(Args(result)[0]), ct).ConfigureAwait(false);
        await TarOutput.WriteAsync(ctx, response.Body, output, "failed to export container", ct).ConfigureAwait(false);
        return 0;
    }
}
