namespace Berth.Cli.Commands;

/// <summary>
/// Ends a command with an exit status and, if given, a message for stderr (already worded as
/// docker words it). A null message only sets the status, as for `run` passing on the
/// container's exit code.
/// </summary>
internal sealed class CliError(int exitCode, string? message = null) : Exception(message ?? $"exit status {exitCode}")
{
    public int ExitCode { get; } = exitCode;
    public string? Text { get; } = message;
}
