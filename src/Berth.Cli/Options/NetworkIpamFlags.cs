using System.Net;
using Berth.Protocol.Networks;

namespace Berth.Cli.Options;

/// <summary>
/// `network create`'s --subnet, --ip-range, --gateway and --ipam-opt grouped into IPAM configs, one
/// per subnet, with docker's client-side checks and messages (createIPAMConfig). Problems throw
/// <see cref="FormatException"/> with docker's text.
/// </summary>
internal static class NetworkIpamFlags
{
    public static NetworkIpam Build(string driver, IReadOnlyList<string> subnets, IReadOnlyList<string> ipRanges,
        IReadOnlyList<string> gateways, IReadOnlyDictionary<string, string> options)
    {
        if (subnets.Count < ipRanges.Count || subnets.Count < gateways.Count)
            throw new FormatException("every ip-range or gateway must have a corresponding subnet");
        var configs = new List<NetworkIpamConfig>();
        foreach (var s in subnets)
        {
            foreach (var existing in configs)
            {
                if (SubnetMatches(s, existing.Subnet!) || SubnetMatches(existing.Subnet!, s))
                    throw new FormatException("multiple overlapping subnet configuration is not supported");
            }
            configs.Add(new NetworkIpamConfig { Subnet = s });
        }
        foreach (var r in ipRanges)
        {
            var match = false;
            foreach (var config in configs)
            {
                if (!IpPrefix.TryParse(r, out _)) throw new FormatException($"invalid CIDR address: {r}");
                if (!SubnetMatches(config.Subnet!, r)) continue;
                if (config.IPRange is not null)
                    throw new FormatException($"cannot configure multiple ranges ({r}, {config.IPRange}) on the same subnet ({config.Subnet})");
                config.IPRange = r;
                match = true;
            }
            if (!match) throw new FormatException($"no matching subnet for range {r}");
        }
        foreach (var g in gateways)
        {
            var match = false;
            foreach (var config in configs)
            {
                if (!SubnetMatches(config.Subnet!, g)) continue;
                if (config.Gateway is not null)
                    throw new FormatException($"cannot configure multiple gateways ({g}, {config.Gateway}) for the same subnet ({config.Subnet})");
                config.Gateway = g;
                match = true;
            }
            if (!match) throw new FormatException($"no matching subnet for gateway {g}");
        }
        return new NetworkIpam { Driver = driver, Config = configs, Options = new Dictionary<string, string>(options) };
    }

    /// <summary>Whether <paramref name="data"/> (an address, or an address/bits) lies in <paramref name="subnet"/>.</summary>
    private static bool SubnetMatches(string subnet, string data)
    {
        if (!IpPrefix.TryParse(subnet, out var network)) throw new FormatException($"invalid subnet: invalid CIDR address: {subnet}");
        IPAddress? ip;
        if (data.Contains('/'))
        {
            if (!IpPrefix.TryParse(data, out var prefix)) throw new FormatException($"invalid CIDR address: {data}");
            ip = prefix.Address;
        }
        else ip = IpPrefix.TryParseAddress(data, out var address) ? address : null;
        return ip is not null && network.Contains(ip);
    }
}
