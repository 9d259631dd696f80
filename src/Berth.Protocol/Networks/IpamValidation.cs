using System.Net.Sockets;

namespace Berth.Protocol.Networks;

/// <summary>
/// Docker's check of a create request's IPAM section (network.ValidateIPAM): every subnet, ip-range
/// and gateway must parse and fit its subnet. Returns Docker's message ("invalid network
/// config:\n…", several problems as "* " lines) or null. IPv6 configs count only with IPv6 enabled.
/// </summary>
public static class IpamValidation
{
    public static string? Validate(NetworkIpam? ipam, bool enableIPv6)
    {
        if (ipam?.Config is null) return null;
        var errors = new List<string>();
        foreach (var config in ipam.Config)
        {
            if (!IpPrefix.TryParse(config.Subnet ?? "", out var subnet))
            {
                errors.Add($"invalid subnet {config.Subnet}: invalid CIDR block notation");
                continue;
            }
            if (subnet.IsIPv6 && !enableIPv6) continue;
            if (!subnet.IsMasked) errors.Add($"invalid subnet {subnet}: it should be {subnet.Masked()}");
            errors.AddRange(IpRangeErrors(config.IPRange, subnet));
            if (AddressError(config.Gateway, subnet) is { } gateway) errors.Add($"invalid gateway {config.Gateway}: {gateway}");
            foreach (var (name, aux) in config.AuxAddress ?? [])
                if (AddressError(aux, subnet) is { } error) errors.Add($"invalid auxiliary address {name}: {error}");
        }
        return errors.Count switch
        {
            0 => null,
            1 => "invalid network config:\n" + errors[0].Trim(),
            _ => "invalid network config:\n* " + string.Join("\n* ", errors.Select(e => e.Replace("\n", "\n\t", StringComparison.Ordinal))),
        };
    }

    private static IEnumerable<string> IpRangeErrors(string? ipRange, IpPrefix subnet)
    {
        if (string.IsNullOrEmpty(ipRange)) yield break;
        if (!IpPrefix.TryParse(ipRange, out var range))
        {
            yield return $"invalid ip-range {ipRange}: invalid CIDR block notation";
            yield break;
        }
        if (range.IsIPv6 != subnet.IsIPv6)
        {
            yield return $"invalid ip-range {ipRange}: parent subnet is an {subnet.Family} block";
            yield break;
        }
        if (range.Bits < subnet.Bits) yield return $"invalid ip-range {ipRange}: CIDR block is bigger than its parent subnet {subnet}";
        if (!range.IsMasked) yield return $"invalid ip-range {range}: it should be {range.Masked()}";
        if (!subnet.Overlaps(range)) yield return $"invalid ip-range {ipRange}: parent subnet {subnet} doesn't contain ip-range";
    }

    private static string? AddressError(string? address, IpPrefix subnet)
    {
        if (string.IsNullOrEmpty(address)) return null;
        if (!IpPrefix.TryParseAddress(address, out var ip)) return "invalid address";
        var isIPv6 = ip.AddressFamily == AddressFamily.InterNetworkV6;
        if (isIPv6 != subnet.IsIPv6) return $"parent subnet is an {subnet.Family} block";
        return subnet.Contains(ip) ? null : $"parent subnet {subnet} doesn't contain this address";
    }
}
