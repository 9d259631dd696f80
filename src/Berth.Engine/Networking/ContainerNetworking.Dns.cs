using Berth.Engine.Containers;

namespace Berth.Engine.Networking;

public sealed partial class ContainerNetworking
{
    /// <summary>Inside the container's namespace: sockets for the embedded DNS server (user-defined networks only).</summary>
    private static (System.Net.Sockets.Socket Udp, System.Net.Sockets.Socket Tcp)? OpenDnsSockets(Container c, ContainerAttachment attachment) => null;

    private IDisposable? ServeDns(Container c, (System.Net.Sockets.Socket Udp, System.Net.Sockets.Socket Tcp) sockets) => null;
}
