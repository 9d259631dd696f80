using System.Globalization;
using Berth.Api.Infrastructure;
using Berth.Engine;
using Berth.Engine.Networking;
using Berth.Protocol.Networks;

namespace Berth.Api.Networks;

/// <summary>Engine network records → Docker's network inspect and list JSON.</summary>
public static class NetworkViews
{
    /// <param name="withContainers">Inspect lists the running containers' endpoints; the list (API 1.28+) leaves Containers empty.</param>
    public static NetworkInspect Inspect(Network n, BerthEngine engine, bool withContainers) => new()
    {
        Name = n.Name,
        Id = n.Id,
        Created = Time.Rfc3339Nano(n.Created),
        Scope = "local",
        Driver = n.Driver,
        EnableIPv4 = true,
        EnableIPv6 = n.EnableIPv6,
        IPAM = Ipam(n),
        Internal = n.Internal,
        Attachable = n.Attachable,
        ConfigFrom = new NetworkConfigReference(),
        Containers = withContainers ? Containers(n, engine) : [],
        Options = Sorted(n.Options),
        Labels = Sorted(n.Labels),
    };

    private static NetworkIpam Ipam(Network n) => new()
    {
        Driver = n.IpamDriver,
        // The docker CLI always sends IPAM options ({}); the predefined networks have none (null).
        Options = n.IsPredefined ? null : [],
        Config = n.Subnet == "" ? null :
        [
            new NetworkIpamConfig
            {
                Subnet = n.Subnet,
                IPRange = n.IpRange == "" ? null : n.IpRange,
                Gateway = ShowsGateway(n) ? n.Gateway : null,
            },
        ],
    };

    /// <summary>
    /// Docker shows a network's configured IPAM: with --subnet and no --gateway, Config has no
    /// Gateway (the allocated one is only in the bridge's address).
    /// </summary>
    private static bool ShowsGateway(Network n) => n.Gateway != "" && (!n.SubnetGiven || n.GatewayGiven);

    /// <summary>Running containers with an endpoint on the network, keyed by container ID.</summary>
    private static Dictionary<string, NetworkEndpointResource> Containers(Network n, BerthEngine engine)
    {
        var result = new SortedDictionary<string, NetworkEndpointResource>(StringComparer.Ordinal);
        foreach (var c in engine.Networks.ActiveContainersOn(n))
        {
            var endpoint = c.Networks.Values.FirstOrDefault(e => e.NetworkID == n.Id && e.EndpointID != "");
            if (endpoint is null) continue;
            result[c.Id] = new NetworkEndpointResource
            {
                Name = c.Name,
                EndpointID = endpoint.EndpointID,
                MacAddress = endpoint.MacAddress,
                IPv4Address = endpoint.IPAddress == "" ? "" : endpoint.IPAddress + "/" + endpoint.IPPrefixLen.ToString(CultureInfo.InvariantCulture),
                IPv6Address = endpoint.GlobalIPv6Address == "" ? "" : endpoint.GlobalIPv6Address + "/" + endpoint.GlobalIPv6PrefixLen.ToString(CultureInfo.InvariantCulture),
            };
        }
        return new Dictionary<string, NetworkEndpointResource>(result);
    }

    /// <summary>Go marshals maps with their keys sorted.</summary>
    private static Dictionary<string, string> Sorted(Dictionary<string, string> map) =>
        map.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value);
}
