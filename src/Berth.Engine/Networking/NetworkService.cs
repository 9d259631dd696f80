using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Berth.Engine.Containers;
using Berth.Engine.Errors;
using Berth.Engine.Events;
using Berth.Engine.Networking.Ipam;

namespace Berth.Engine.Networking;

/// <summary>
/// Networks as `docker network` sees them: the predefined bridge, host and none, and user-defined
/// bridge networks (create, inspect, rm, prune). The wiring of bridges, veths and firewall rules is
/// the <see cref="NetworkDataPlane"/>'s.
/// </summary>
public sealed partial class NetworkService
{
    private readonly EngineOptions _options;
    private readonly NetworkStore _store;
    private readonly ContainerStore _containers;
    private readonly EventBus _events;
    private readonly Lock _lock = new();

    public NetworkService(EngineOptions options, NetworkStore store, ContainerStore containers, EventBus events, NetworkDataPlane dataPlane)
    {
        _options = options;
        _store = store;
        _containers = containers;
        _events = events;
        DataPlane = dataPlane;
        EnsurePredefined();
    }

    public NetworkDataPlane DataPlane { get; }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")]
    private static partial Regex ValidName();

    [GeneratedRegex("^[a-zA-Z0-9_.-]{1,15}$")]
    private static partial Regex ValidBridgeName();

    public IReadOnlyList<Network> List() => _store.List();

    public Network Resolve(string idOrName) =>
        _store.TryResolve(idOrName) ?? throw BerthException.NotFound($"network {idOrName} not found");

    public Network? TryResolve(string idOrName) => _store.TryResolve(idOrName);

    /// <summary>The default bridge (created at start-up).</summary>
    public Network DefaultBridge => _store.TryResolve("bridge")!;

    /// <summary>Containers whose configuration names the network (running or not).</summary>
    public IReadOnlyList<Container> ContainersOn(Network n) =>
        _containers.List().Where(c => c.Networks.Values.Any(e => e.NetworkID == n.Id)).ToList();

    /// <summary>Running containers with an endpoint (an address) on the network.</summary>
    public IReadOnlyList<Container> ActiveContainersOn(Network n) =>
        ContainersOn(n).Where(c => c.State.IsRunning && c.Networks.Values.Any(e => e.NetworkID == n.Id && e.EndpointID != "")).ToList();

    public Network Create(NetworkCreateOptions o)
    {
        if (string.IsNullOrEmpty(o.Name)) throw BerthException.Invalid("network name is required");
        if (!ValidName().IsMatch(o.Name))
            throw BerthException.Invalid($"invalid network name \"{o.Name}\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        if (o.Name is "bridge" or "host" or "none")
            throw BerthException.Forbidden($"operation is not permitted on predefined {o.Name} network ");
        var driver = string.IsNullOrEmpty(o.Driver) ? "bridge" : o.Driver;
        if (driver is "host" or "null") throw BerthException.Forbidden($"only one instance of \"{driver}\" network is allowed");
        if (driver != "bridge") throw BerthException.NotFound($"plugin \"{driver}\" not found");
        if (o.IpamDriver is not ("" or "default")) throw BerthException.NotFound($"plugin \"{o.IpamDriver}\" not found");
        if (o.EnableIPv6) throw BerthException.Invalid("IPv6 networks are not supported by berth yet");
        foreach (var key in o.Options.Keys)
            if (!KnownBridgeOptions.Contains(key)) throw BerthException.Invalid($"unknown bridge driver option \"{key}\"");
        lock (_lock)
        {
            if (_store.List().Any(n => n.Name == o.Name)) throw BerthException.Conflict($"network with name {o.Name} already exists");
            using var hostLock = HostNetworkLock.Acquire();
            var (subnet, gateway, range) = Addresses(o);
            var id = NewId();
            var network = new Network
            {
                Id = id, Name = o.Name, Driver = driver, Created = DateTimeOffset.UtcNow, Internal = o.Internal,
                Attachable = o.Attachable, Labels = new(o.Labels), Options = new(o.Options), IpamDriver = "default",
                Subnet = subnet.ToString(), Gateway = Ipv4Subnet.Format(gateway), IpRange = range?.ToString() ?? "",
                SubnetGiven = o.Subnet != "", GatewayGiven = o.Gateway != "",
                BridgeName = o.Options.TryGetValue(BridgeNameOption, out var bridge) && bridge != "" ? bridge : BridgeNameFor(id),
            };
            if (!ValidBridgeName().IsMatch(network.BridgeName))
                throw BerthException.Invalid($"invalid bridge name \"{network.BridgeName}\": at most 15 of [a-zA-Z0-9_.-]");
            if (_store.List().Any(n => n.BridgeName == network.BridgeName))
                throw BerthException.Conflict($"bridge name {network.BridgeName} is already used by another network");
            DataPlane.EnsureNetwork(network);
            try { _store.Add(network); }
            catch
            {
                DataPlane.RemoveNetwork(network);
                throw;
            }
            Emit(network, "create");
            return network;
        }
    }

    public const string BridgeNameOption = "com.docker.network.bridge.name";

    private static readonly HashSet<string> KnownBridgeOptions =
    [
        BridgeNameOption, "com.docker.network.bridge.enable_ip_masquerade", "com.docker.network.bridge.enable_icc",
        "com.docker.network.bridge.host_binding_ipv4", "com.docker.network.driver.mtu", "com.docker.network.bridge.default_bridge",
        "com.docker.network.container_iface_prefix",
    ];

    private (Ipv4Subnet Subnet, uint Gateway, Ipv4Subnet? Range) Addresses(NetworkCreateOptions o)
    {
        var others = _store.List().Where(n => n.Subnet != "").Select(n => Ipv4Subnet.Parse(n.Subnet)).ToList();
        Ipv4Subnet subnet;
        if (o.Subnet != "")
        {
            if (!Ipv4Subnet.TryParse(o.Subnet, out subnet, out var error)) throw BerthException.Invalid(error);
            if (subnet.PrefixLength > 30) throw BerthException.Invalid($"invalid subnet {o.Subnet}: the prefix is too long for a network");
            if (others.Any(s => s.Overlaps(subnet))) throw BerthException.Forbidden("invalid pool request: Pool overlaps with other one on this address space");
        }
        else
        {
            if (o.Gateway != "" || o.IpRange != "") throw BerthException.Invalid("a gateway or ip range needs a subnet (--subnet)");
            subnet = SubnetPicker.Pick(_options.AddressPools, [.. others, .. SubnetPicker.HostRoutes()])
                ?? throw BerthException.Forbidden("all predefined address pools have been fully subnetted");
        }
        uint gateway;
        if (o.Gateway != "")
        {
            if (!Ipv4Subnet.TryParseAddress(o.Gateway, out gateway)) throw BerthException.Invalid($"invalid gateway address {o.Gateway}");
            if (!subnet.Contains(gateway) || gateway == subnet.Network || gateway == subnet.Broadcast)
                throw BerthException.Invalid($"no matching subnet for gateway {o.Gateway}");
        }
        else gateway = subnet.Network + 1;
        Ipv4Subnet? range = null;
        if (o.IpRange != "")
        {
            if (!Ipv4Subnet.TryParse(o.IpRange, out var r, out var error)) throw BerthException.Invalid(error);
            if (!subnet.Contains(r)) throw BerthException.Invalid($"no matching subnet for range {o.IpRange}");
            range = r;
        }
        return (subnet, gateway, range);
    }

    public void Remove(Network n)
    {
        if (n.IsPredefined) throw BerthException.Forbidden($"{n.Name} is a pre-defined network and cannot be removed");
        lock (_lock)
        {
            var active = ActiveContainersOn(n);
            if (active.Count > 0)
                throw BerthException.Forbidden($"error while removing network: network {n.Name} has active endpoints ({string.Join(", ", active.Select(c => $"name:\"{c.Name}\" id:\"{c.ShortId}\""))})");
            DataPlane.RemoveNetwork(n);
            _store.Remove(n);
        }
        Emit(n, "destroy");
    }

    /// <summary>Removes user-defined networks without running containers that pass the filter; returns their names.</summary>
    public IReadOnlyList<string> Prune(Func<Network, bool> filter)
    {
        var removed = new List<string>();
        foreach (var n in _store.List().Where(n => !n.IsPredefined && filter(n)))
        {
            try
            {
                Remove(n);
                removed.Add(n.Name);
            }
            catch (BerthException) { /* in use: kept, as Docker does */ }
        }
        return removed;
    }

    private void EnsurePredefined()
    {
        lock (_lock)
        {
            if (_store.TryResolve("none") is null) _store.Add(new Network { Id = NewId(), Name = "none", Driver = "null", Created = DateTimeOffset.UtcNow });
            if (_store.TryResolve("host") is null) _store.Add(new Network { Id = NewId(), Name = "host", Driver = "host", Created = DateTimeOffset.UtcNow });
            using var hostLock = HostNetworkLock.Acquire();
            var bridge = _store.List().FirstOrDefault(n => n.Name == "bridge");
            if (bridge is null)
            {
                Ipv4Subnet subnet;
                uint gateway;
                if (_options.BridgeIp != "")
                {
                    var slash = _options.BridgeIp.IndexOf('/');
                    if (slash < 0 || !Ipv4Subnet.TryParseAddress(_options.BridgeIp[..slash], out gateway))
                        throw BerthException.Invalid($"invalid bridge IP (--bip) {_options.BridgeIp}");
                    subnet = Ipv4Subnet.Parse(_options.BridgeIp);
                }
                else
                {
                    var others = _store.List().Where(n => n.Subnet != "").Select(n => Ipv4Subnet.Parse(n.Subnet));
                    // Our own bridge from an earlier life (its record lost) is not a foreign route.
                    var routes = SubnetPicker.HostRoutes(skipInterface: _options.NetworkPrefix + "0");
                    subnet = SubnetPicker.Pick(_options.AddressPools, [.. others, .. routes])
                        ?? throw BerthException.System("no free subnet for the default bridge in the address pools");
                    gateway = subnet.Network + 1;
                }
                bridge = new Network
                {
                    Id = NewId(), Name = "bridge", Driver = "bridge", Created = DateTimeOffset.UtcNow,
                    Subnet = subnet.ToString(), Gateway = Ipv4Subnet.Format(gateway), BridgeName = _options.NetworkPrefix + "0",
                    Options = new()
                    {
                        ["com.docker.network.bridge.default_bridge"] = "true", ["com.docker.network.bridge.enable_icc"] = "true",
                        ["com.docker.network.bridge.enable_ip_masquerade"] = "true", ["com.docker.network.bridge.host_binding_ipv4"] = "0.0.0.0",
                        [BridgeNameOption] = _options.NetworkPrefix + "0", ["com.docker.network.driver.mtu"] = "1500",
                    },
                };
                _store.Add(bridge);
            }
            DataPlane.Restore(_store.List().Where(n => n.IsBridge).ToList());
        }
    }

    private string BridgeNameFor(string id) => _options.NetworkPrefix + "-" + id[..Math.Max(4, 14 - _options.NetworkPrefix.Length)];

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private void Emit(Network n, string action, params (string Key, string Value)[] extra)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["name"] = n.Name, ["type"] = n.Driver };
        foreach (var (k, v) in extra) attributes[k] = v;
        _events.Publish("network", action, n.Id, attributes);
    }
}
