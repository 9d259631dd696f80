using System.Text;
using Berth.Engine.Networking.Ipam;

namespace Berth.Engine.Networking.Firewall;

/// <summary>
/// The text of berth's nftables table: masquerade for each network's egress, isolation between
/// networks, --internal networks cut off, and two maps from host ports to containers that the
/// publish chain DNATs through. Ports come and go as map elements, never as rules.
/// </summary>
public static class FirewallScript
{
    /// <summary>The whole table, replacing whatever was there, as one transaction.</summary>
    public static string Table(string table, IReadOnlyList<Network> bridges, IEnumerable<PublishedPort> ports)
    {
        var sb = new StringBuilder();
        sb.Append($"table ip {table} {{}}\ndelete table ip {table}\ntable ip {table} {{\n");
        var names = bridges.Select(b => Quote(b.BridgeName)).ToList();
        sb.Append("  set bridges {\n    type ifname;\n");
        if (names.Count > 0) sb.Append($"    elements = {{ {string.Join(", ", names)} }};\n");
        sb.Append("  }\n");
        sb.Append("  map published {\n    type inet_proto . inet_service : ipv4_addr . inet_service;\n  }\n");
        sb.Append("  map published_addr {\n    type ipv4_addr . inet_proto . inet_service : ipv4_addr . inet_service;\n  }\n");
        sb.Append("""
              chain publish {
                dnat ip to ip daddr . meta l4proto . th dport map @published_addr
                dnat ip to meta l4proto . th dport map @published
              }
              chain prerouting {
                type nat hook prerouting priority dstnat; policy accept;
                fib daddr type local jump publish
              }
              chain output {
                type nat hook output priority -100; policy accept;
                fib daddr type local jump publish
              }

            """);
        sb.Append("  chain postrouting {\n    type nat hook postrouting priority srcnat; policy accept;\n");
        foreach (var n in bridges)
        {
            var br = Quote(n.BridgeName);
            var masquerade = !n.Options.TryGetValue("com.docker.network.bridge.enable_ip_masquerade", out var m) || m != "false";
            if (!n.Internal && masquerade) sb.Append($"    ip saddr {n.Subnet} oifname != {br} masquerade\n");
            // A container reaching a published port of its own bridge through a host address: the
            // answer must come back through the host, so the source becomes the gateway.
            sb.Append($"    oifname {br} ct status dnat ip saddr {n.Subnet} masquerade\n");
            // 127.0.0.1:port from the host: the source cannot stay a loopback address on the bridge.
            sb.Append($"    oifname {br} ip saddr 127.0.0.0/8 masquerade\n");
        }
        sb.Append("  }\n");
        sb.Append("  chain forward {\n    type filter hook forward priority filter; policy accept;\n");
        foreach (var n in bridges.Where(b => b.Internal))
        {
            var br = Quote(n.BridgeName);
            sb.Append($"    iifname {br} oifname != {br} drop\n    oifname {br} iifname != {br} drop\n");
        }
        sb.Append("    ct state established,related accept\n    ct status dnat accept\n");
        foreach (var n in bridges)
        {
            var br = Quote(n.BridgeName);
            sb.Append($"    iifname {br} oifname != {br} oifname @bridges drop\n");
        }
        // From outside, containers are reached only through published ports (Docker 28 does the same).
        sb.Append("    oifname @bridges iifname != @bridges drop\n");
        sb.Append("  }\n}\n");
        var elements = PortElements(table, ports, add: true);
        if (elements.Length > 0) sb.Append(elements);
        return sb.ToString();
    }

    /// <summary>Adds or deletes the map elements of some published ports.</summary>
    public static string PortElements(string table, IEnumerable<PublishedPort> ports, bool add)
    {
        var sb = new StringBuilder();
        var verb = add ? "add" : "delete";
        foreach (var p in ports)
        {
            var target = add ? $" : {Ipv4Subnet.Format(p.ContainerIp)} . {p.ContainerPort}" : "";
            if (p.HostIp == 0) sb.Append($"{verb} element ip {table} published {{ {p.Protocol} . {p.HostPort}{target} }}\n");
            else sb.Append($"{verb} element ip {table} published_addr {{ {Ipv4Subnet.Format(p.HostIp)} . {p.Protocol} . {p.HostPort}{target} }}\n");
        }
        return sb.ToString();
    }

    private static string Quote(string name) => "\"" + name + "\"";
}
