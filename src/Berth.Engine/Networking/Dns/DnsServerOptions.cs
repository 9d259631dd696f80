namespace Berth.Engine.Networking.Dns;

/// <summary>Limits of the embedded DNS server, per served container unless said otherwise.</summary>
public sealed record DnsServerOptions
{
    /// <summary>How long one upstream gets to answer before the next is tried (Docker: 4 s; glibc's own timeout is 5 s).</summary>
    public TimeSpan UpstreamTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Forwarded queries in flight; beyond this a query gets SERVFAIL at once, as in Docker, so a busy container cannot use up berthd's file descriptors.</summary>
    public int MaxConcurrentForwards { get; init; } = 256;

    /// <summary>Open TCP connections; further ones are closed as soon as accepted.</summary>
    public int MaxTcpConnections { get; init; } = 32;

    /// <summary>A TCP connection that sends no complete query for this long is closed.</summary>
    public TimeSpan TcpIdleTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
