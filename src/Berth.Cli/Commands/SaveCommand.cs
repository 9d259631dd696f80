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
        if (string.IsNullOrEmpty(output) && ctx.StdoutIsTerminal)
            throw new CliError(1, "cowardly refusing to save to a terminal. Use the -o flag or redirect");

        using var response = await ctx.Client.SendAsync(BuildRequest(Args(result)), ct).ConfigureAwait(false);
        if (string.IsNullOrEmpty(output))
        {
            await response.Body.CopyToAsync(ctx.StdoutStream, ct).ConfigureAwait(false);
            await ctx.StdoutStream.FlushAsync(ct).ConfigureAwait(false);
            return 0;
        }
        // Written beside the target and renamed at the end, so a failed save leaves no half file.
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
            throw new CliError(1, $"failed to save image: {ex.Message}");
        }
        return 0;
    }
}
