using System.Net.Sockets;
using Berth.Engine.Errors;
using Berth.Engine.Networking;
using Berth.Protocol.Networks;

namespace Berth.Api.Networks;

/// <summary>
/// POST /networks/create's body → <see cref="NetworkCreateOptions"/>: Docker's request checks
/// (IPAM syntax, swarm-only options), then the one IPv4 subnet Berth's bridge driver takes.
/// </summary>
public static class NetworkCreateMapping
{
    private const string NotSwarmManager =
        "This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" to connect this node to swarm and try again.";

    public static NetworkCreateOptions Map(NetworkCreateRequest r)
    {
        if (r.Scope is "swarm" or "global" || r.Ingress) throw BerthException.Unavailable(NotSwarmManager);
        if (r.Scope is not ("" or "local")) throw BerthException.Invalid($"invalid scope \"{r.Scope}\" for a {DriverOf(r)} network");
        if (r.ConfigOnly || !string.IsNullOrEmpty(r.ConfigFrom?.Network))
            throw BerthException.Invalid("config-only networks (--config-only, --config-from) are not supported by berth");
        var ipv6 = r.EnableIPv6 == true;
        if (r.EnableIPv4 == false && !ipv6) throw BerthException.Invalid("IPv4 or IPv6 must be enabled");
        if (IpamValidation.Validate(r.IPAM, ipv6) is { } invalid) throw BerthException.Invalid(invalid);

        var configs = (r.IPAM?.Config ?? []).Where(c => ipv6 || !IsIPv6(c.Subnet)).ToList();
        var v4 = configs.Where(c => !IsIPv6(c.Subnet)).ToList();
        if (v4.Count > 1) throw BerthException.Invalid("berth supports one IPv4 subnet per network");
        if (configs.Any(c => c.AuxAddress is { Count: > 0 }))
            throw BerthException.Invalid("auxiliary addresses (--aux-address) are not supported by berth");
        var config = v4.FirstOrDefault();
        return new NetworkCreateOptions
        {
            Name = r.Name,
            Driver = DriverOf(r),
            Internal = r.Internal,
            Attachable = r.Attachable,
            EnableIPv6 = ipv6,
            Labels = r.Labels ?? [],
            Options = r.Options ?? [],
            IpamDriver = string.IsNullOrEmpty(r.IPAM?.Driver) ? "default" : r.IPAM.Driver,
            Subnet = config?.Subnet ?? "",
            Gateway = config?.Gateway ?? "",
            IpRange = config?.IPRange ?? "",
        };
    }

    private static string DriverOf(NetworkCreateRequest r) => string.IsNullOrEmpty(r.Driver) ? "bridge" : r.Driver;

    private static bool IsIPv6(string? subnet) =>
        subnet is not null && System.Net.IPAddress.TryParse(subnet.Split('/')[0], out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6;
}
