namespace Berth.Engine.Networking.Dns;

/// <summary>How the host's resolv.conf becomes a container's (Docker's transforms).</summary>
public enum ResolvConfMode
{
    /// <summary>The host's file with --dns* overrides applied and nothing else: --network host (the host's loopback is the container's) and none.</summary>
    HostFile,

    /// <summary>No embedded server (the default bridge): loopback and IPv6 nameservers dropped, Google's if none remain.</summary>
    Legacy,

    /// <summary>User-defined networks: only 127.0.0.11, the real nameservers moved to the embedded server's upstreams.</summary>
    EmbeddedDns,
}
