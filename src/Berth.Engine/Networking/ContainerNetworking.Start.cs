using System.Globalization;
using Berth.Engine.Containers;
using Berth.Engine.Errors;
using Berth.Engine.Networking.Firewall;
using Berth.Engine.Networking.Ipam;
using Berth.Engine.Networking.Netlink;
using Berth.Protocol.Containers;

namespace Berth.Engine.Networking;

public sealed partial class ContainerNetworking
{
    /// <summary>
    /// Before `runc create`: addresses from each bridge network's IPAM and the published host ports
    /// (bound now, so a taken port fails the start before any process exists).
    /// </summary>
    public ContainerAttachment Prepare(Container c)
    {
        var attachment = new ContainerAttachment();
        try
        {
            foreach (var (name, settings) in c.Networks)
            {
                var n = _networks.TryResolve(settings.NetworkID) ?? throw BerthException.NotFound($"network {name} not found");
                if (!n.IsBridge) continue;
                attachment.Endpoints.Add(Lease(c, n, settings, attachment.Endpoints.Count));
            }
            if (attachment.Endpoints.Count > 0) ReservePorts(c, attachment);
        }
        catch
        {
            ReleaseAttachment(attachment);
            throw;
        }
        _attached[c.Id] = attachment;
        return attachment;
    }

    private EndpointLease Lease(Container c, Network n, EndpointSettings settings, int index)
    {
        uint address;
        lock (_ipam)
        {
            var allocator = AllocatorOf(n);
            if (settings.IPAMConfig?.IPv4Address is { Length: > 0 } ip && Ipv4Subnet.TryParseAddress(ip, out address)) allocator.Reserve(address);
            else address = allocator.Allocate(n.Name);
        }
        var mac = settings.MacAddress is { Length: > 0 } m && ParseMac(m) is { } parsed ? parsed : MacFor(address);
        return new EndpointLease
        {
            Network = n, EndpointId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            Address = address, Mac = mac, InterfaceName = "eth" + index.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>-p and -P: each binding of each port gets a host port; exposed ports without one are listed with none.</summary>
    private static void ReservePorts(Container c, ContainerAttachment attachment)
    {
        c.Ports = new();
        var target = attachment.Endpoints[0];
        var keys = new List<string>();
        foreach (var k in (c.Config.ExposedPorts?.Keys ?? Enumerable.Empty<string>()).Concat(c.HostConfig.PortBindings?.Keys ?? Enumerable.Empty<string>()))
            if (!keys.Contains(k)) keys.Add(k);
        foreach (var key in keys)
        {
            var (port, protocol) = ParsePortKey(key);
            List<PortBinding>? bindings = null;
            if (c.HostConfig.PortBindings?.TryGetValue(key, out var asked) == true && asked is { Count: > 0 }) bindings = asked;
            else if (c.HostConfig.PublishAllPorts) bindings = [new PortBinding()];
            if (bindings is null) { c.Ports[key] = null; continue; }
            if (protocol == "sctp") throw BerthException.Invalid($"publishing {key}: sctp ports are not supported by berth");
            var actual = new List<PortBinding>();
            foreach (var b in bindings)
            {
                if (b.HostIp.Contains(':')) continue; // IPv6 host addresses: berth's networks are IPv4 only.
                var r = PortReservation.Reserve(protocol, b.HostIp, b.HostPort, $"{c.Name} ({target.EndpointId[..12]})");
                attachment.Reservations.Add(r);
                attachment.Published.Add(new PublishedPort(protocol, r.HostIp, r.HostPort, target.Address, port));
                actual.Add(new PortBinding { HostIp = r.HostIp == 0 ? "0.0.0.0" : Ipv4Subnet.Format(r.HostIp), HostPort = r.HostPort.ToString(CultureInfo.InvariantCulture) });
            }
            c.Ports[key] = actual;
        }
    }

    /// <summary>"80/tcp" → (80, "tcp"); a bare "80" is TCP.</summary>
    public static (int Port, string Protocol) ParsePortKey(string key)
    {
        var slash = key.IndexOf('/');
        var protocol = slash < 0 ? "tcp" : key[(slash + 1)..].ToLowerInvariant();
        var text = slash < 0 ? key : key[..slash];
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535 || protocol is not ("tcp" or "udp" or "sctp"))
            throw BerthException.Invalid($"invalid port specification: \"{key}\"");
        return (port, protocol);
    }

    /// <summary>
    /// After `runc create` (the namespace exists, nothing runs yet): veth pairs into the container's
    /// namespace, addresses, default route and loopback set from inside it, DNAT map entries added.
    /// </summary>
    public void Attach(Container c, int pid, ContainerAttachment attachment)
    {
        if (attachment.Endpoints.Count == 0) return;
        var fd = NetworkNamespace.OpenOf(pid);
        try
        {
            foreach (var e in attachment.Endpoints) _plane.CreateVeth(e.Network, e.HostInterface, e.InterfaceName, e.Mac, fd);
            var gateway = attachment.Endpoints.FirstOrDefault(e => !e.Network.Internal);
            var dns = NetworkNamespace.RunIn(fd, () =>
            {
                using var nl = new NetlinkSocket();
                RtNetlink.SetUp(nl, 1, "set lo up");
                foreach (var e in attachment.Endpoints)
                {
                    var index = RtNetlink.LinkIndex(nl, e.InterfaceName);
                    RtNetlink.SetUp(nl, index, $"set {e.InterfaceName} up");
                    RtNetlink.AddAddress(nl, index, e.Address, Ipv4Subnet.Parse(e.Network.Subnet).PrefixLength, $"add address to {e.InterfaceName}");
                    if (e == gateway)
                    {
                        Ipv4Subnet.TryParseAddress(e.Network.Gateway, out var gw);
                        RtNetlink.AddDefaultRoute(nl, gw, index);
                    }
                }
                return OpenDnsSockets(c, attachment);
            });
            if (dns is not null) attachment.Dns = ServeDns(c, dns.Value, attachment.DnsUpstreams);
            _plane.AddPorts(attachment.Published);
        }
        finally
        {
            Native.Libc.Close(fd);
        }
        RecordRuntime(c, attachment);
    }

    /// <summary>Inspect's view of the running endpoints.</summary>
    private static void RecordRuntime(Container c, ContainerAttachment attachment)
    {
        foreach (var e in attachment.Endpoints)
        {
            var settings = c.Networks.Values.FirstOrDefault(s => s.NetworkID == e.Network.Id);
            if (settings is null) continue;
            settings.EndpointID = e.EndpointId;
            settings.IPAddress = Ipv4Subnet.Format(e.Address);
            settings.IPPrefixLen = Ipv4Subnet.Parse(e.Network.Subnet).PrefixLength;
            settings.Gateway = e.Network.Gateway;
            settings.MacAddress = e.MacText;
            settings.DNSNames = e.Network.IsDefaultBridge ? null : DnsNamesOf(c, settings);
        }
    }

    /// <summary>The names other containers on a user-defined network find this one by (Docker's DNSNames).</summary>
    public static List<string> DnsNamesOf(Container c, EndpointSettings settings)
    {
        var names = new List<string> { c.Name };
        foreach (var a in settings.Aliases ?? []) if (!names.Contains(a)) names.Add(a);
        if (!names.Contains(c.ShortId)) names.Add(c.ShortId);
        return names;
    }

    /// <summary>When the container has stopped (or its start failed): everything goes back.</summary>
    public void Release(Container c)
    {
        if (_attached.TryRemove(c.Id, out var attachment)) ReleaseAttachment(attachment);
        foreach (var settings in c.Networks.Values)
        {
            // A MAC berth generated from the address goes with the address; an asked-for one stays.
            if (Ipv4Subnet.TryParseAddress(settings.IPAddress, out var address)
                && settings.MacAddress == EndpointLease.FormatMac(MacFor(address)))
                settings.MacAddress = "";
            settings.EndpointID = "";
            settings.IPAddress = "";
            settings.IPPrefixLen = 0;
            settings.Gateway = "";
            settings.DNSNames = null;
        }
        c.Ports = new();
    }

    private void ReleaseAttachment(ContainerAttachment attachment)
    {
        try { _plane.RemovePorts(attachment.Published); }
        catch (IOException e) { Console.Error.WriteLine($"berthd: removing published ports: {e.Message}"); }
        foreach (var r in attachment.Reservations) r.Dispose();
        attachment.Dns?.Dispose();
        lock (_ipam)
            foreach (var e in attachment.Endpoints)
                if (_allocators.TryGetValue(e.Network.Id, out var a)) a.Release(e.Address);
    }

    /// <summary>The default gateway of a container on the default bridge: Docker's "host-gateway" in --add-host.</summary>
    public string HostGateway => _networks.DefaultBridge.Gateway;

    /// <summary>The container's first address, for its /etc/hosts line.</summary>
    public static string? PrimaryAddress(ContainerAttachment attachment) =>
        attachment.Endpoints.Count > 0 ? Ipv4Subnet.Format(attachment.Endpoints[0].Address) : null;
}
