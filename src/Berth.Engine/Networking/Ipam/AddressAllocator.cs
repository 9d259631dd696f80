using Berth.Engine.Errors;

namespace Berth.Engine.Networking.Ipam;

/// <summary>
/// One network's IPv4 addresses: handed out in order from the range (after the last one given, as
/// Docker does, so a just-freed address is not reused at once), never the network, broadcast or
/// gateway address. In memory only: rebuilt from running containers at start-up.
/// </summary>
public sealed class AddressAllocator
{
    private readonly Ipv4Subnet _subnet;
    private readonly Ipv4Subnet _range;
    private readonly uint _gateway;
    private readonly HashSet<uint> _used = [];
    private uint _last;

    public AddressAllocator(Ipv4Subnet subnet, uint gateway, Ipv4Subnet? range)
    {
        _subnet = subnet;
        _gateway = gateway;
        _range = range ?? subnet;
        _last = _range.Network;
    }

    public Ipv4Subnet Subnet => _subnet;

    public int Count => _used.Count;

    public uint Allocate(string networkName)
    {
        var first = Math.Max(_range.Network, _subnet.Network + 1);
        var last = Math.Min(_range.Broadcast, _subnet.Broadcast - 1);
        var span = (ulong)last - first + 1;
        for (ulong i = 1; i <= span; i++)
        {
            var candidate = (uint)(first + ((ulong)_last - first + i) % span);
            if (candidate == _gateway || !_used.Add(candidate)) continue;
            _last = candidate;
            return candidate;
        }
        throw BerthException.Unavailable($"no available IPv4 addresses on this network's address pools: {networkName}");
    }

    /// <summary>A chosen address (--ip) or one a running container already has (restart of berthd).</summary>
    public void Reserve(uint address)
    {
        if (!_subnet.Contains(address) || address == _subnet.Network || address == _subnet.Broadcast)
            throw BerthException.Invalid($"invalid endpoint settings: no configured subnet or ip-range contain the IP address {Ipv4Subnet.Format(address)}");
        if (address == _gateway || !_used.Add(address)) throw BerthException.Forbidden($"Address already in use: {Ipv4Subnet.Format(address)}");
    }

    public void Release(uint address) => _used.Remove(address);
}
