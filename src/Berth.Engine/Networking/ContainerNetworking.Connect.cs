using Berth.Engine.Containers;
using Berth.Engine.Errors;
using Berth.Engine.Networking.Ipam;
using Berth.Engine.Networking.Netlink;
using Berth.Protocol.Containers;

namespace Berth.Engine.Networking;

public sealed partial class ContainerNetworking
{
    /// <summary>
    /// Called when a running container gets the embedded DNS (true) or loses it with its last
    /// user-defined network (false): its resolv.conf is rewritten to match.
    /// </summary>
    /// Returns the upstreams the new resolv.conf names.
    public Func<Container, bool, IReadOnlyList<System.Net.IPEndPoint>>? EmbeddedDnsChanged { get; set; }

    /// <summary>`network connect` of a running container: one more veth (eth1, eth2 …), no new default route.</summary>
    public void ConnectRunning(Container c, Network n, EndpointSettings settings)
    {
        if (!n.IsBridge) return;
        var attachment = _attached.GetOrAdd(c.Id, _ => new ContainerAttachment());
        var index = Enumerable.Range(0, 64).First(i => attachment.Endpoints.All(e => e.InterfaceName != $"eth{i}"));
        var lease = Lease(c, n, settings, index);
        var fd = NetworkNamespace.OpenOf(c.State.Pid);
        try
        {
            _plane.CreateVeth(n, lease.HostInterface, lease.InterfaceName, lease.Mac, fd);
            var needsDns = attachment.Dns is null && !n.IsDefaultBridge;
            var dns = NetworkNamespace.RunIn(fd, () =>
            {
                using var nl = new NetlinkSocket();
                var link = RtNetlink.LinkIndex(nl, lease.InterfaceName);
                RtNetlink.SetUp(nl, link, $"set {lease.InterfaceName} up");
                RtNetlink.AddAddress(nl, link, lease.Address, Ipv4Subnet.Parse(n.Subnet).PrefixLength, $"add address to {lease.InterfaceName}");
                if (!n.Internal && !attachment.Endpoints.Any(e => !e.Network.Internal))
                {
                    Ipv4Subnet.TryParseAddress(n.Gateway, out var gw);
                    RtNetlink.AddDefaultRoute(nl, gw, link);
                }
                return needsDns ? OpenDnsSockets(c, new ContainerAttachment { Endpoints = { lease } }) : null;
            });
            if (dns is not null)
            {
                attachment.DnsUpstreams = EmbeddedDnsChanged?.Invoke(c, true) ?? [];
                attachment.Dns = ServeDns(c, dns.Value, attachment.DnsUpstreams);
            }
        }
        catch
        {
            lock (_ipam) AllocatorOf(n).Release(lease.Address);
            try { _plane.DeleteLink(lease.HostInterface); } catch (IOException) { }
            throw;
        }
        finally
        {
            Native.Libc.Close(fd);
        }
        attachment.Endpoints.Add(lease);
        var single = new ContainerAttachment { Endpoints = { lease } };
        RecordRuntime(c, single);
    }

    /// <summary>`network disconnect` of a running container: its veth on that network goes, with its address.</summary>
    public void DisconnectRunning(Container c, Network n)
    {
        if (!_attached.TryGetValue(c.Id, out var attachment)) return;
        var lease = attachment.Endpoints.FirstOrDefault(e => e.Network.Id == n.Id);
        if (lease is null) return;
        _plane.DeleteLink(lease.HostInterface);
        attachment.Endpoints.Remove(lease);
        lock (_ipam) AllocatorOf(n).Release(lease.Address);
        if (attachment.Dns is not null && attachment.Endpoints.All(e => e.Network.IsDefaultBridge))
        {
            attachment.Dns.Dispose();
            attachment.Dns = null;
            EmbeddedDnsChanged?.Invoke(c, false);
        }
    }
}
