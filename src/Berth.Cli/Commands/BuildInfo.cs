namespace Berth.Cli.Commands;

/// <summary>The client's own version, shown by `berth version` and `berth -v`.</summary>
internal static class BuildInfo
{
    public const string Version = "0.1.0";
    public const string GitCommit = "unknown";
    /// <summary>The API version berth speaks by default (Docker Engine API).</summary>
    public const string ApiVersion = Client.DaemonEndpoint.DefaultApiVersion;
}
