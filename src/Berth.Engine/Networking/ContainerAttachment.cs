namespace Berth.Engine.Networking;

/// <summary>Everything a running container holds on the host side of networking; released in one place.</summary>
public sealed class ContainerAttachment
{
    public List<EndpointLease> Endpoints { get; } = [];
    public List<PortReservation> Reservations { get; } = [];
    public List<Firewall.PublishedPort> Published { get; } = [];
    /// <summary>The embedded DNS server's sockets inside the container's namespace (user-defined networks only).</summary>
    public IDisposable? Dns { get; set; }
    /// <summary>Where the embedded DNS forwards other names: the servers the container's resolv.conf was written with.</summary>
    public IReadOnlyList<System.Net.IPEndPoint> DnsUpstreams { get; set; } = [];
}
