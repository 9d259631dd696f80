using Berth.Protocol.Containers;

namespace Berth.Cli.Options;

/// <summary>
/// `create`/`run`'s --network, --network-alias, --ip and --mac-address as docker's client turns
/// them into NetworkingConfig.EndpointsConfig (parseNetworkOpts): without --network the settings go
/// to "default" and are always sent; with one --network and nothing to say about it, nothing is
/// sent; with several, each gets an entry and the alias/ip/mac flags belong to the first.
/// </summary>
internal static class NetworkEndpoints
{
    public static Dictionary<string, EndpointSettings> Build(IReadOnlyList<string> networks, IReadOnlyList<string> aliases, string? ipv4, string? macAddress)
    {
        if (networks.Count <= 1) return Build(networks.Count == 0 ? null : networks[0], aliases, ipv4, macAddress);
        var result = new Dictionary<string, EndpointSettings>();
        foreach (var n in networks)
        {
            if (n.Trim().Length == 0) throw ContainerCreateMapper.ConfigError("no name set for network");
            if (result.ContainsKey(n)) throw ContainerCreateMapper.ConfigError($"network \"{n}\" is specified multiple times");
            result[n] = result.Count == 0 ? Build(n, aliases, ipv4, macAddress).GetValueOrDefault(n) ?? new EndpointSettings() : new EndpointSettings();
        }
        if (networks.Any(IsUserDefined) && !networks.All(IsUserDefined))
            throw ContainerCreateMapper.ConfigError("conflicting options: cannot attach both user-defined and non-user-defined network-modes");
        return result;
    }

    public static Dictionary<string, EndpointSettings> Build(string? network, IReadOnlyList<string> aliases, string? ipv4, string? macAddress)
    {
        var target = string.IsNullOrEmpty(network) ? "default" : network;
        if (target.Trim().Length == 0) throw ContainerCreateMapper.ConfigError("no name set for network");
        if (!IsUserDefined(target) && aliases.Count > 0)
            throw ContainerCreateMapper.ConfigError("network-scoped aliases are only supported for user-defined networks");
        var endpoint = new EndpointSettings
        {
            Aliases = aliases.Count > 0 ? [.. aliases] : null,
            IPAMConfig = string.IsNullOrEmpty(ipv4) ? null : new EndpointIpamConfig { IPv4Address = ipv4 },
        };
        if (!string.IsNullOrEmpty(macAddress))
        {
            if (!IsMacAddress(macAddress.Trim())) throw ContainerCreateMapper.ConfigError($"{macAddress} is not a valid mac address");
            endpoint.MacAddress = macAddress;
        }
        var saysSomething = endpoint.Aliases is not null || endpoint.IPAMConfig is not null || endpoint.MacAddress != "";
        return target == "default" || saysSomething ? new() { [target] = endpoint } : [];
    }

    /// <summary>docker's NetworkMode.IsUserDefined: anything but default, bridge, host, none and container:….</summary>
    public static bool IsUserDefined(string mode) =>
        mode is not ("default" or "bridge" or "host" or "none") && !mode.StartsWith("container:", StringComparison.Ordinal);

    /// <summary>Go's net.ParseMAC: 6, 8 or 20 bytes as xx:xx…, xx-xx… or xxxx.xxxx….</summary>
    public static bool IsMacAddress(string text)
    {
        foreach (var bytes in new[] { 6, 8, 20 })
        {
            if (text.Length == bytes * 3 - 1 && text.Length > 2 && text[2] is ':' or '-' && Groups(text, 2, text[2])) return true;
            if (text.Length == bytes / 2 * 5 - 1 && Groups(text, 4, '.')) return true;
        }
        return false;
    }

    /// <summary>Hex groups of <paramref name="width"/> digits, each followed by <paramref name="separator"/> but the last.</summary>
    private static bool Groups(string text, int width, char separator)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var valid = (i + 1) % (width + 1) == 0 ? text[i] == separator : char.IsAsciiHexDigit(text[i]);
            if (!valid) return false;
        }
        return true;
    }
}
