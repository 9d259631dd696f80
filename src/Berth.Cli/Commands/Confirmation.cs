namespace Berth.Cli.Commands;

/// <summary>docker's prompt.Confirm: the question with " [y/N] " on stdout, yes only for a line that is "y" or "Y".</summary>
internal static class Confirmation
{
    public static async Task<bool> AskAsync(CliContext ctx, string message, CancellationToken ct)
    {
        ctx.Out.Write(message + " [y/N] ");
        using var reader = new StreamReader(ctx.Stdin, leaveOpen: true);
        var answer = (await reader.ReadLineAsync(ct).ConfigureAwait(false))?.Trim();
        return string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase);
    }
}
