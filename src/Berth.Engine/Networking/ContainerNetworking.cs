using System.Collections.Concurrent;
using Berth.Engine.Containers;
using Berth.Engine.Errors;
using Berth.Engine.Networking.Ipam;
using Berth.Protocol.Containers;

namespace Berth.Engine.Networking;

/// <summary>
/// A container's networking: which networks it is on (decided at create), and at start the
/// addresses, veth pairs, published ports and DNS it gets, all given back when it stops. The
/// container's own namespace is made by runc; berth wires it between `runc create` and `runc start`.
/// </summary>
public sealed partial class ContainerNetworking
{
    private readonly NetworkService _networks;
    private readonly NetworkDataPlane _plane;
    private readonly ConcurrentDictionary<string, ContainerAttachment> _attached = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AddressAllocator> _allocators = new(StringComparer.Ordinal);
    private readonly Lock _ipam = new();

    public ContainerNetworking(NetworkService networks)
    {
        _networks = networks;
        _plane = networks.DataPlane;
        networks.Attachments = this;
    }

    /// <summary>
    /// At create: normalises HostConfig.NetworkMode and records the container's networks
    /// (Container.Networks) from it and the request's EndpointsConfig, with Docker's checks.
    /// </summary>
    public void Configure(Container c, NetworkingConfig? config, Func<string, Container?> findContainer)
    {
        var host = c.HostConfig;
        if (host.NetworkMode is "" or "default") host.NetworkMode = "bridge";
        if (c.Config.NetworkDisabled) host.NetworkMode = "none";
        var endpoints = config?.EndpointsConfig ?? new Dictionary<string, EndpointSettings>();
        if (host.NetworkMode.StartsWith("container:", StringComparison.Ordinal))
        {
            var target = findContainer(host.NetworkMode["container:".Length..])
                ?? throw BerthException.NotFound($"No such container: {host.NetworkMode["container:".Length..]}");
            if (target.Id == c.Id) throw BerthException.Invalid("cannot join own network");
            host.NetworkMode = "container:" + target.Id;
            if (host.PortBindings is { Count: > 0 } || host.PublishAllPorts)
                throw BerthException.Invalid("conflicting options: port publishing and the container type network mode");
            if (host.Dns is { Count: > 0 } || host.ExtraHosts is { Count: > 0 })
                throw BerthException.Invalid("conflicting options: dns and the network mode");
            return;
        }
        var primary = _networks.Resolve(host.NetworkMode);
        if (primary.Driver is "host" or "null")
        {
            if (endpoints.Count > 1) throw BerthException.Invalid($"container cannot be connected to multiple networks with one of the networks in {(primary.Driver == "host" ? "host" : "private")} mode");
            host.NetworkMode = primary.Name;
            c.Networks[primary.Name] = new EndpointSettings { NetworkID = primary.Id };
            return;
        }
        if (primary.IsDefaultBridge) host.NetworkMode = "bridge";
        var wanted = new List<(Network, EndpointSettings?)> { (primary, Find(endpoints, primary)) };
        foreach (var (key, settings) in endpoints)
        {
            var n = _networks.Resolve(key);
            if (n.Id == primary.Id) continue;
            if (n.Driver is "host" or "null") throw BerthException.Invalid($"container cannot be connected to multiple networks with one of the networks in {(n.Driver == "host" ? "host" : "private")} mode");
            wanted.Add((n, settings));
        }
        foreach (var (n, settings) in wanted) c.Networks[n.Name] = EndpointFor(n, settings);
    }

    private EndpointSettings? Find(Dictionary<string, EndpointSettings> endpoints, Network n)
    {
        foreach (var (key, settings) in endpoints)
            if (key == n.Name || key == n.Id || (key.Length >= 12 && n.Id.StartsWith(key, StringComparison.Ordinal))) return settings;
        return null;
    }

    /// <summary>The recorded attachment: what was asked for, validated as Docker does.</summary>
    public static EndpointSettings EndpointFor(Network n, EndpointSettings? asked)
    {
        var ip = asked?.IPAMConfig?.IPv4Address;
        if (n.IsDefaultBridge)
        {
            if (!string.IsNullOrEmpty(ip)) throw BerthException.Invalid("user specified IP address is supported on user defined networks only");
            if (asked?.Aliases is { Count: > 0 }) throw BerthException.Invalid("network-scoped alias is supported only for containers in user defined networks");
        }
        if (!string.IsNullOrEmpty(ip))
        {
            if (!Ipv4Subnet.TryParseAddress(ip, out var address)) throw BerthException.Invalid($"invalid IPv4 address: {ip}");
            var subnet = Ipv4Subnet.Parse(n.Subnet);
            var range = n.IpRange != "" ? Ipv4Subnet.Parse(n.IpRange) : subnet;
            if (!range.Contains(address) || address == subnet.Network || address == subnet.Broadcast)
                throw BerthException.Invalid($"invalid endpoint settings:\nno configured subnet or ip-range contain the IP address {ip}");
        }
        var mac = asked?.MacAddress ?? "";
        if (mac != "" && ParseMac(mac) is null) throw BerthException.Invalid($"invalid MAC address: {mac}");
        return new EndpointSettings
        {
            NetworkID = n.Id,
            IPAMConfig = string.IsNullOrEmpty(ip) ? null : new EndpointIpamConfig { IPv4Address = ip },
            Aliases = asked?.Aliases is { Count: > 0 } a ? [.. a] : null,
            MacAddress = mac,
            DriverOpts = asked?.DriverOpts,
            Links = asked?.Links,
        };
    }

    public static byte[]? ParseMac(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 6) return null;
        var bytes = new byte[6];
        for (var i = 0; i < 6; i++)
            if (parts[i].Length != 2 || !byte.TryParse(parts[i], System.Globalization.NumberStyles.HexNumber, null, out bytes[i])) return null;
        return (bytes[0] & 1) == 0 ? bytes : null;
    }

    /// <summary>Docker's generated MAC: 02:42 and the IPv4 address, unique on the network.</summary>
    public static byte[] MacFor(uint address) =>
        [0x02, 0x42, (byte)(address >> 24), (byte)(address >> 16), (byte)(address >> 8), (byte)address];

    private AddressAllocator AllocatorOf(Network n)
    {
        if (_allocators.TryGetValue(n.Id, out var a)) return a;
        Ipv4Subnet.TryParseAddress(n.Gateway, out var gateway);
        a = new AddressAllocator(Ipv4Subnet.Parse(n.Subnet), gateway, n.IpRange != "" ? Ipv4Subnet.Parse(n.IpRange) : null);
        _allocators[n.Id] = a;
        return a;
    }

    /// <summary>Whether the container is attached right now (has addresses, ports or DNS).</summary>
    public bool IsAttached(string containerId) => _attached.ContainsKey(containerId);
}
