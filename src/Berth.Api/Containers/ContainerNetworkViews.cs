using System.Globalization;
using Berth.Engine;
using Berth.Engine.Containers;
using Berth.Engine.Errors;
using Berth.Protocol.Containers;

namespace Berth.Api.Containers;

/// <summary>
/// A container's networks and ports as inspect and the list show them: Docker's NetworkSettings
/// (Networks, Ports, the default bridge's addresses repeated at the top level) and the summary's
/// Ports list.
/// </summary>
public static class ContainerNetworkViews
{
    public static NetworkSettings Settings(Container c, BerthEngine engine)
    {
        var networks = Networks(c, engine);
        var bridge = networks.GetValueOrDefault("bridge");
        return new NetworkSettings
        {
            SandboxKey = c.State.Pid > 0 && c.HostConfig.NetworkMode != "host" ? $"/proc/{c.State.Pid}/ns/net" : "",
            Ports = Ports(c),
            EndpointID = bridge?.EndpointID ?? "",
            Gateway = bridge?.Gateway ?? "",
            GlobalIPv6Address = bridge?.GlobalIPv6Address ?? "",
            GlobalIPv6PrefixLen = bridge?.GlobalIPv6PrefixLen ?? 0,
            IPAddress = bridge?.IPAddress ?? "",
            IPPrefixLen = bridge?.IPPrefixLen ?? 0,
            IPv6Gateway = bridge?.IPv6Gateway ?? "",
            MacAddress = bridge?.MacAddress ?? "",
            Networks = networks,
        };
    }

    /// <summary>
    /// The attachments, keys sorted as Go marshals maps. host and none containers show their
    /// predefined network (Docker joins them to it); container: mode shows none; an attachment the
    /// engine has not recorded yet shows the network mode's network without addresses.
    /// </summary>
    public static Dictionary<string, EndpointSettings> Networks(Container c, BerthEngine engine)
    {
        if (c.Networks.Count > 0)
            return c.Networks.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value);
        var mode = c.HostConfig.NetworkMode;
        if (mode.StartsWith("container:", StringComparison.Ordinal)) return [];
        var name = mode is "" or "default" ? "bridge" : mode;
        Engine.Networking.Network? network;
        try { network = engine.Networks.TryResolve(name); }
        catch (BerthException) { network = null; }
        return new() { [network?.Name ?? name] = new EndpointSettings { NetworkID = network?.Id ?? "" } };
    }

    /// <summary>The list's copy of an attachment: addresses and IDs only, as Docker's summary.</summary>
    public static Dictionary<string, EndpointSettings> SummaryNetworks(Container c, BerthEngine engine) =>
        Networks(c, engine).ToDictionary(kv => kv.Key, kv => new EndpointSettings
        {
            IPAMConfig = kv.Value.IPAMConfig is { } ipam ? new EndpointIpamConfig { IPv4Address = ipam.IPv4Address, IPv6Address = ipam.IPv6Address } : null,
            MacAddress = kv.Value.MacAddress,
            GwPriority = kv.Value.GwPriority,
            NetworkID = kv.Value.NetworkID,
            EndpointID = kv.Value.EndpointID,
            Gateway = kv.Value.Gateway,
            IPAddress = kv.Value.IPAddress,
            IPPrefixLen = kv.Value.IPPrefixLen,
            IPv6Gateway = kv.Value.IPv6Gateway,
            GlobalIPv6Address = kv.Value.GlobalIPv6Address,
            GlobalIPv6PrefixLen = kv.Value.GlobalIPv6PrefixLen,
        });

    /// <summary>
    /// Inspect's Ports: empty unless the container runs with its own network namespace on a
    /// network; then every published port with its bindings and every other exposed port with null.
    /// </summary>
    public static Dictionary<string, List<PortBinding>?> Ports(Container c)
    {
        var mode = c.HostConfig.NetworkMode;
        if (c.State.Status is not (ContainerStatus.Running or ContainerStatus.Paused)
            || mode is "host" or "none" || mode.StartsWith("container:", StringComparison.Ordinal))
            return [];
        var ports = new SortedDictionary<string, List<PortBinding>?>(StringComparer.Ordinal);
        foreach (var (port, bindings) in c.Ports) ports[port] = bindings;
        foreach (var port in c.Config.ExposedPorts?.Keys ?? Enumerable.Empty<string>()) ports.TryAdd(port, null);
        return new Dictionary<string, List<PortBinding>?>(ports);
    }

    /// <summary>The list's Ports: one entry per binding, and one without a public port per unpublished exposed port.</summary>
    public static List<PortSummary> PortSummaries(Container c)
    {
        var result = new List<PortSummary>();
        foreach (var (key, bindings) in Ports(c))
        {
            var slash = key.IndexOf('/');
            var (portText, type) = slash < 0 ? (key, "tcp") : (key[..slash], key[(slash + 1)..]);
            if (!ushort.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port)) continue;
            if (bindings is not { Count: > 0 })
            {
                result.Add(new PortSummary { PrivatePort = port, Type = type });
                continue;
            }
            foreach (var b in bindings)
            {
                if (!ushort.TryParse(b.HostPort, NumberStyles.None, CultureInfo.InvariantCulture, out var hostPort)) continue;
                result.Add(new PortSummary { IP = b.HostIp == "" ? null : b.HostIp, PrivatePort = port, PublicPort = hostPort, Type = type });
            }
        }
        return result;
    }
}
