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
        if (string.IsNullOrEmpty(output) && ctx.StdoutIsTerminal)
            throw new CliError(1, "cowardly refusing to save to a terminal. Use the -o flag or redirect");

        using var response = await ctx.Client.SendAsync(BuildRequest(Args(result)[0]), ct).ConfigureAwait(false);
        if (string.IsNullOrEmpty(output))
        {
            await response.Body.CopyToAsync(ctx.StdoutStream, ct).ConfigureAwait(false);
            await ctx.StdoutStream.FlushAsync(ct).ConfigureAwait(false);
            return 0;
        }
        var full = Path.GetFullPath(output);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                await response.Body.CopyToAsync(file, ct).ConfigureAwait(false);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (IOException) { }
            throw new CliError(1, $"failed to export container: {ex.Message}");
        }
        return 0;
    }
}
