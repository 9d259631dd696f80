using System.Diagnostics;
using Berth.Engine.Networking.Firewall;
using Berth.Engine.Networking.Ipam;
using Berth.Engine.Networking.Netlink;

namespace Berth.Engine.Networking;

/// <summary>
/// The host side of bridge networks: Linux bridges and veth pairs over rtnetlink, and berth's own
/// nftables table (NAT, isolation, published ports) through libnftables — each change one atomic
/// batch, no process per rule or interface. Other tables (the host's firewall) are never touched.
/// </summary>
public sealed class NetworkDataPlane : IDisposable
{
    private readonly EngineOptions _options;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Network> _bridges = new(StringComparer.Ordinal);
    private readonly HashSet<PublishedPort> _ports = [];
    private NetlinkSocket? _netlink;
    private NftContext? _nft;

    public NetworkDataPlane(EngineOptions options)
    {
        _options = options;
    }

    public string Table => _options.NetworkPrefix;

    /// <summary>
    /// Why bridges cannot be made on this host (no nftables, no rtnetlink permission …), or null.
    /// berthd still starts: host, none and container: networking need none of it.
    /// </summary>
    public string? Unavailable { get; private set; }

    private void EnsureAvailable()
    {
        if (Unavailable is { } why) throw Errors.BerthException.Unavailable($"bridge networking is not available on this host: {why}");
    }

    private NetlinkSocket Netlink => _netlink ??= new NetlinkSocket();
    private NftContext Nft => _nft ??= new NftContext();

    /// <summary>At start-up: every bridge network's bridge exists with its address; the table is rebuilt from the records.</summary>
    public void Restore(IReadOnlyList<Network> bridges)
    {
        try { RestoreLocked(bridges); }
        catch (Exception e) when (e is IOException or DllNotFoundException or EntryPointNotFoundException or UnauthorizedAccessException)
        {
            Unavailable = e.Message;
            Console.Error.WriteLine($"berthd: warning: bridge networking is not available: {e.Message}");
            return;
        }
        DockerForwardPolicy.AllowBridges(_options.NetworkPrefix);
    }

    private void RestoreLocked(IReadOnlyList<Network> bridges)
    {
        lock (_lock)
        {
            WriteSysctl("/proc/sys/net/ipv4/ip_forward", "1");
            _bridges.Clear();
            foreach (var n in bridges)
            {
                EnsureBridgeLocked(n);
                _bridges[n.Id] = n;
            }
            ApplyTableLocked();
            RemoveOrphanBridgesLocked(bridges);
        }
    }

    public void EnsureNetwork(Network n)
    {
        EnsureAvailable();
        lock (_lock)
        {
            EnsureBridgeLocked(n);
            _bridges[n.Id] = n;
            try { ApplyTableLocked(); }
            catch
            {
                _bridges.Remove(n.Id);
                RtNetlink.DeleteLink(Netlink, n.BridgeName);
                throw;
            }
        }
    }

    public void RemoveNetwork(Network n)
    {
        if (Unavailable is not null) return;
        lock (_lock)
        {
            _bridges.Remove(n.Id);
            ApplyTableLocked();
            RtNetlink.DeleteLink(Netlink, n.BridgeName);
        }
    }

    /// <summary>The bridge's interface index (creating the bridge if something deleted it).</summary>
    public int BridgeIndex(Network n)
    {
        EnsureAvailable();
        lock (_lock)
        {
            var index = RtNetlink.LinkIndex(Netlink, n.BridgeName);
            return index > 0 ? index : EnsureBridgeLocked(n);
        }
    }

    /// <summary>A veth pair: the host end on the network's bridge, the other end named <paramref name="ifName"/> in the namespace.</summary>
    public void CreateVeth(Network n, string hostName, string ifName, byte[] mac, int netnsFd)
    {
        var bridge = BridgeIndex(n);
        lock (_lock) RtNetlink.CreateVeth(Netlink, hostName, bridge, ifName, mac, netnsFd, Mtu(n));
    }

    public void DeleteLink(string name)
    {
        lock (_lock) RtNetlink.DeleteLink(Netlink, name);
    }

    public void AddPorts(IReadOnlyCollection<PublishedPort> ports)
    {
        if (ports.Count == 0) return;
        lock (_lock)
        {
            Nft.Run(FirewallScript.PortElements(Table, ports, add: true));
            _ports.UnionWith(ports);
        }
    }

    public void RemovePorts(IReadOnlyCollection<PublishedPort> ports)
    {
        if (ports.Count == 0) return;
        lock (_lock)
        {
            var present = ports.Where(_ports.Contains).ToList();
            if (present.Count == 0) return;
            Nft.Run(FirewallScript.PortElements(Table, present, add: false));
            _ports.ExceptWith(present);
        }
    }

    /// <summary>
    /// A crash between making a user network's bridge and storing its record leaves a bridge no
    /// network owns: berth's user bridges are "&lt;prefix&gt;-…", so those unknown to the store go.
    /// </summary>
    private void RemoveOrphanBridgesLocked(IReadOnlyList<Network> bridges)
    {
        var known = bridges.Select(b => b.BridgeName).ToHashSet(StringComparer.Ordinal);
        var prefix = _options.NetworkPrefix + "-";
        string[] links;
        try { links = Directory.GetDirectories("/sys/class/net").Select(Path.GetFileName).OfType<string>().ToArray(); }
        catch (IOException) { return; }
        foreach (var link in links)
        {
            if (!link.StartsWith(prefix, StringComparison.Ordinal) || known.Contains(link)) continue;
            if (!Directory.Exists($"/sys/class/net/{link}/bridge")) continue;
            RtNetlink.DeleteLink(Netlink, link);
        }
    }

    private int EnsureBridgeLocked(Network n)
    {
        var subnet = Ipv4Subnet.Parse(n.Subnet);
        Ipv4Subnet.TryParseAddress(n.Gateway, out var gateway);
        RtNetlink.CreateBridge(Netlink, n.BridgeName, Mtu(n));
        var index = RtNetlink.LinkIndex(Netlink, n.BridgeName);
        if (index <= 0) throw new IOException($"bridge {n.BridgeName} vanished after its creation");
        RtNetlink.AddAddress(Netlink, index, gateway, subnet.PrefixLength, $"add {n.Gateway}/{subnet.PrefixLength} to {n.BridgeName}");
        RtNetlink.SetUp(Netlink, index, $"set {n.BridgeName} up");
        // Published ports are reachable on 127.0.0.1: DNAT to the bridge keeps a loopback source until masquerade.
        WriteSysctl($"/proc/sys/net/ipv4/conf/{n.BridgeName}/route_localnet", "1");
        return index;
    }

    private static int Mtu(Network n) =>
        n.Options.TryGetValue("com.docker.network.driver.mtu", out var m) && int.TryParse(m, out var mtu) && mtu > 0 ? mtu : 0;

    private void ApplyTableLocked() => Nft.Run(FirewallScript.Table(Table, [.. _bridges.Values.OrderBy(b => b.Created)], _ports));

    private static void WriteSysctl(string path, string value)
    {
        try
        {
            if (File.Exists(path) && File.ReadAllText(path).Trim() == value) return;
            File.WriteAllText(path, value);
        }
        catch (IOException e) { Console.Error.WriteLine($"berthd: {path}: {e.Message}"); }
        catch (UnauthorizedAccessException e) { Console.Error.WriteLine($"berthd: {path}: {e.Message}"); }
    }

    public void Dispose()
    {
        _netlink?.Dispose();
        _nft?.Dispose();
    }
}
