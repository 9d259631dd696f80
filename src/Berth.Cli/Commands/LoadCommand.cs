using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Parsing;
using Berth.Cli.Streams;

namespace Berth.Cli.Commands;

/// <summary>`berth load [-i file] [-q]`: POST /images/load with the tar streamed chunked; prints "Loaded image: ...".</summary>
internal sealed class LoadCommand : CliCommand
{
    private readonly Option<string> _input;
    private readonly Option<bool> _quiet;

    public LoadCommand(string name = "load")
        : base(name, "Load an image from a tar archive or STDIN", "[OPTIONS]", ArgRule.None)
    {
        AliasesHelp = "berth image load, berth load";
        _input = Value("--input", "-i", "Read from tar archive file, instead of STDIN");
        _quiet = Flag("--quiet", "-q", "Suppress the load output");
    }

    public static ApiRequest BuildRequest(bool quiet) =>
        ApiRequest.Post("/images/load") with
        {
            Query = new QueryBuilder().FlagIfSet("quiet", quiet).Build(),
            ContentType = "application/x-tar",
        };

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var input = result.GetValue(_input);
        if (string.IsNullOrEmpty(input) && ctx.StdinIsTerminal)
            throw new CliError(1, "requested load from stdin, but stdin is empty");
        Stream source;
        try { source = string.IsNullOrEmpty(input) ? ctx.Stdin : File.OpenRead(input); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliError(1, $"open {input}: {(ex is FileNotFoundException or DirectoryNotFoundException ? "no such file or directory" : ex.Message)}");
        }
        try
        {
            // Progress bars only make sense on a terminal; otherwise ask for the quiet stream.
            var request = BuildRequest(result.GetValue(_quiet) || !ctx.StdoutIsTerminal) with { Upload = source };
            using var response = await ctx.Client.SendAsync(request, ct).ConfigureAwait(false);
            var json = response.Header("Content-Type")?.StartsWith("application/json", StringComparison.Ordinal) ?? false;
            if (json) await JsonMessagePrinter.PrintAsync(response.Body, ctx.Out, ct).ConfigureAwait(false);
            else await response.Body.CopyToAsync(ctx.StdoutStream, ct).ConfigureAwait(false);
        }
        finally
        {
            if (source != ctx.Stdin) await source.DisposeAsync().ConfigureAwait(false);
        }
        return 0;
    }
}
