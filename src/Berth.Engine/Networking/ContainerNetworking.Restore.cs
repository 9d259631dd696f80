using Berth.Engine.Containers;
using Berth.Engine.Networking.Firewall;
using Berth.Engine.Networking.Ipam;

namespace Berth.Engine.Networking;

public sealed partial class ContainerNetworking
{
    /// <summary>
    /// A container that kept running while berthd was down: its veths are still in place (they live
    /// in its namespace); its addresses go back into IPAM, its host ports are bound again, its DNAT
    /// entries and DNS sockets are recreated from the record.
    /// </summary>
    public void Restore(Container c, string resolvConfPath)
    {
        var attachment = new ContainerAttachment();
        var index = 0;
        foreach (var (name, settings) in c.Networks)
        {
            var n = _networks.TryResolve(settings.NetworkID);
            if (n is null || !n.IsBridge || !Ipv4Subnet.TryParseAddress(settings.IPAddress, out var address)) continue;
            lock (_ipam) AllocatorOf(n).Reserve(address);
            attachment.Endpoints.Add(new EndpointLease
            {
                Network = n, EndpointId = settings.EndpointID, Address = address,
                Mac = ParseMac(settings.MacAddress) ?? MacFor(address), InterfaceName = "eth" + index++,
            });
        }
        _attached[c.Id] = attachment;
        if (attachment.Endpoints.Count == 0) return;
        var target = attachment.Endpoints[0].Address;
        foreach (var (key, bindings) in c.Ports)
        {
            if (bindings is null) continue;
            var (port, protocol) = ParsePortKey(key);
            foreach (var b in bindings)
            {
                var r = PortReservation.Reserve(protocol, b.HostIp, b.HostPort, c.Name);
                attachment.Reservations.Add(r);
                attachment.Published.Add(new PublishedPort(protocol, r.HostIp, r.HostPort, target, port));
            }
        }
        _plane.AddPorts(attachment.Published);
        var dns = NetworkNamespace.Run(c.State.Pid, () => OpenDnsSockets(c, attachment));
        if (dns is not null)
        {
            // The servers the container was started with, as its resolv.conf records them.
            attachment.DnsUpstreams = ResolvConfUpstreams(resolvConfPath) ?? Containers.ContainerFiles.ResolvConfOf(c, embeddedDns: true).Upstreams;
            attachment.Dns = ServeDns(c, dns.Value, attachment.DnsUpstreams);
        }
    }

    private static IReadOnlyList<System.Net.IPEndPoint>? ResolvConfUpstreams(string path)
    {
        try { return Dns.ResolvConf.ReadUpstreams(File.ReadAllText(path)); }
        catch (IOException) { return null; }
    }
}
