using System.Net;
using System.Net.Sockets;
using Berth.Engine.Containers;
using Berth.Engine.Networking.Dns;

namespace Berth.Engine.Networking;

public sealed partial class ContainerNetworking
{
    private static readonly IPEndPoint DnsAddress = new(IPAddress.Parse("127.0.0.11"), 53);
    private readonly EmbeddedDnsServer _dns = new();

    /// <summary>Whether the container's resolv.conf names the embedded server: it is on a user-defined network.</summary>
    public static bool UsesEmbeddedDns(ContainerAttachment attachment) => attachment.Endpoints.Any(e => !e.Network.IsDefaultBridge);

    /// <summary>
    /// Runs on the thread inside the container's namespace: sockets bound to 127.0.0.11:53 there
    /// (Docker's address). They stay in that namespace; berthd serves them from the host.
    /// </summary>
    private static (Socket Udp, Socket Tcp)? OpenDnsSockets(Container c, ContainerAttachment attachment)
    {
        if (!UsesEmbeddedDns(attachment)) return null;
        var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            udp.Bind(DnsAddress);
            tcp.Bind(DnsAddress);
            return (udp, tcp);
        }
        catch
        {
            udp.Dispose();
            tcp.Dispose();
            throw;
        }
    }

    private IDisposable ServeDns(Container c, (Socket Udp, Socket Tcp) sockets, IReadOnlyList<IPEndPoint> upstreams) =>
        _dns.Serve(sockets.Udp, sockets.Tcp, new ContainerDnsResolver(c, _networks), upstreams);
}
