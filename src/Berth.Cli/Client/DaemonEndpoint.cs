namespace Berth.Cli.Client;

/// <summary>
/// Where berthd listens and which API version prefix to speak. Parsed from -H/--host, else
/// BERTH_HOST, else the default socket. DOCKER_HOST is deliberately ignored so that berth never
/// talks to a Docker daemon by accident.
/// </summary>
internal sealed class DaemonEndpoint
{
    public const string DefaultHost = "unix:///run/berth/berth.sock";
    public const string DefaultApiVersion = "1.50";

    private DaemonEndpoint(string original, string? socketPath, string? tcpHost, int tcpPort, string apiVersion)
    {
        Original = original;
        SocketPath = socketPath;
        TcpHost = tcpHost;
        TcpPort = tcpPort;
        ApiVersion = apiVersion;
    }

    /// <summary>The host string as the user gave it (used in "Cannot connect" messages).</summary>
    public string Original { get; }
    /// <summary>Set for unix:// endpoints.</summary>
    public string? SocketPath { get; }
    /// <summary>Set for tcp:// endpoints.</summary>
    public string? TcpHost { get; }
    public int TcpPort { get; }
    /// <summary>"1.50" by default; BERTH_API_VERSION overrides it (handy against older daemons).</summary>
    public string ApiVersion { get; }

    public bool IsUnix => SocketPath is not null;

    /// <summary>Resolves the endpoint from the -H flag value and the environment.</summary>
    public static DaemonEndpoint Resolve(string? hostFlag, Func<string, string?> getEnv)
    {
        var host = !string.IsNullOrEmpty(hostFlag) ? hostFlag : getEnv("BERTH_HOST");
        if (string.IsNullOrEmpty(host)) host = DefaultHost;
        var version = getEnv("BERTH_API_VERSION");
        if (string.IsNullOrWhiteSpace(version)) version = DefaultApiVersion;
        return Parse(host, version.Trim().TrimStart('v'));
    }

    /// <summary>Parses unix:///path, tcp://host:port or a bare absolute socket path.</summary>
    public static DaemonEndpoint Parse(string host, string apiVersion = DefaultApiVersion)
    {
        if (host.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = host["unix://".Length..];
            if (path.Length == 0) throw new FormatException($"invalid host: {host}");
            return new DaemonEndpoint(host, path, null, 0, apiVersion);
        }
        if (host.StartsWith('/'))
            return new DaemonEndpoint(host, host, null, 0, apiVersion);
        if (host.StartsWith("tcp://", StringComparison.Ordinal) || host.StartsWith("http://", StringComparison.Ordinal))
        {
            var rest = host[(host.IndexOf("://", StringComparison.Ordinal) + 3)..].TrimEnd('/');
            var (name, port) = SplitHostPort(rest, host);
            return new DaemonEndpoint(host, null, name, port, apiVersion);
        }
        throw new FormatException($"invalid host: {host} (expected unix:///path or tcp://host:port)");
    }

    private static (string Host, int Port) SplitHostPort(string rest, string original)
    {
        // [v6addr]:port, host:port or host (Docker's plain-text port is 2375).
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            if (close < 0) throw new FormatException($"invalid host: {original}");
            var addr = rest[1..close];
            var after = rest[(close + 1)..];
            return (addr, after.StartsWith(':') ? ParsePort(after[1..], original) : 2375);
        }
        var colon = rest.LastIndexOf(':');
        if (colon < 0) return (rest.Length == 0 ? "localhost" : rest, 2375);
        var name = colon == 0 ? "localhost" : rest[..colon];
        return (name, ParsePort(rest[(colon + 1)..], original));
    }

    private static int ParsePort(string text, string original) =>
        int.TryParse(text, out var port) && port is > 0 and < 65536
            ? port
            : throw new FormatException($"invalid host: {original}");
}
