using System.Net;
using Berth.Engine.Containers;
using Berth.Engine.Networking.Dns;
using Berth.Engine.Networking.Ipam;

namespace Berth.Engine.Networking;

/// <summary>
/// Names as one container sees them: the running containers that share a user-defined network with
/// it, by name, network alias and short ID (Docker's DNSNames); the default bridge resolves nothing.
/// A container that stops has no address any more and so drops out at once.
/// </summary>
public sealed class ContainerDnsResolver(Container self, NetworkService networks) : IDnsResolver
{
    public IReadOnlyList<IPAddress>? LookupAddresses(string name)
    {
        List<IPAddress>? found = null;
        foreach (var (network, other, settings) in Reachable())
        {
            if (!Matches(other, settings, name, network)) continue;
            if (Ipv4Subnet.TryParseAddress(settings.IPAddress, out var address))
            {
                found ??= [];
                var ip = Ipv4Subnet.ToAddress(address);
                if (!found.Contains(ip)) found.Add(ip);
            }
        }
        return found;
    }

    public string? LookupName(IPAddress address)
    {
        var text = address.ToString();
        foreach (var (network, other, settings) in Reachable())
            if (settings.IPAddress == text) return $"{other.Name}.{network.Name}";
        return null;
    }

    /// <summary>(network, container, its endpoint) for every running endpoint on this container's user-defined networks.</summary>
    private IEnumerable<(Network, Container, Protocol.Containers.EndpointSettings)> Reachable()
    {
        foreach (var mine in self.Networks.Values)
        {
            if (mine.EndpointID == "") continue;
            var network = networks.TryResolve(mine.NetworkID);
            if (network is null || network.IsDefaultBridge || !network.IsBridge) continue;
            foreach (var other in networks.ContainersOn(network))
            {
                if (!other.State.IsRunning) continue;
                var settings = other.Networks.Values.FirstOrDefault(e => e.NetworkID == network.Id && e.EndpointID != "");
                if (settings is not null) yield return (network, other, settings);
            }
        }
    }

    /// <summary>"name", "alias", "shortid", and each of them qualified with the network ("name.net"), as Docker answers.</summary>
    private static bool Matches(Container c, Protocol.Containers.EndpointSettings settings, string name, Network network)
    {
        var suffix = "." + network.Name.ToLowerInvariant();
        if (name.EndsWith(suffix, StringComparison.Ordinal)) name = name[..^suffix.Length];
        if (string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)) return true;
        if (name.Length == 12 && c.Id.StartsWith(name, StringComparison.Ordinal)) return true;
        return settings.Aliases?.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase)) == true;
    }
}
