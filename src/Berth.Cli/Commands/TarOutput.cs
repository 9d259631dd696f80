using Berth.Cli.Client;

namespace Berth.Cli.Commands;

/// <summary>
/// Where `save` and `export` put their tar: stdout (never a terminal, as docker refuses) or the -o
/// file, written beside the target and renamed at the end so a failure leaves no half file.
/// </summary>
internal static class TarOutput
{
    public static void RefuseTerminal(CliContext ctx, string? output)
    {
        if (string.IsNullOrEmpty(output) && ctx.StdoutIsTerminal)
            throw new CliError(1, "cowardly refusing to save to a terminal. Use the -o flag or redirect");
    }

    public static async Task WriteAsync(CliContext ctx, Stream tar, string? output, string failure, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(output))
        {
            await tar.CopyToAsync(ctx.StdoutStream, ct).ConfigureAwait(false);
            await ctx.StdoutStream.FlushAsync(ct).ConfigureAwait(false);
            return;
        }
        var full = Path.GetFullPath(output);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                await tar.CopyToAsync(file, ct).ConfigureAwait(false);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (IOException) { }
            throw new CliError(1, $"{failure}: {ex.Message}");
        }
    }
}
