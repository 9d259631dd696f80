namespace Berth.Cli.Parsing;

/// <summary>
/// A command line docker would reject before talking to the daemon. <see cref="ShowUsage"/> adds
/// the "Usage: ... Run '... --help'" trailer; flag errors exit 125 like docker's cobra handler,
/// argument-count errors exit 1.
/// </summary>
internal sealed class UsageException(string message, int exitCode = 125, bool showUsage = true, bool prefixed = false)
    : Exception(message)
{
    public int ExitCode { get; } = exitCode;
    public bool ShowUsage { get; } = showUsage;
    /// <summary>Docker prints some of these as "docker: message" (argument counts, unknown commands).</summary>
    public bool Prefixed { get; } = prefixed;

    /// <summary>The "See"/"Run" word of the trailer: docker says "See" for minimum-argument errors.</summary>
    public string TrailerVerb { get; init; } = "Run";

    /// <summary>The command whose usage the trailer shows.</summary>
    public System.CommandLine.Command? Command { get; set; }

    /// <summary>`berth foo` prints no Usage line, only the "Run 'berth --help'" hint.</summary>
    public bool OmitUsageLine { get; init; }
}
