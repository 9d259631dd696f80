using System.Globalization;

namespace Berth.Engine.Networking.Ipam;

/// <summary>
/// Picks a new network's subnet: the first one from the address pools that overlaps neither another
/// network nor a route already on the host (so a bridge never shadows the host's own networks).
/// </summary>
public static class SubnetPicker
{
    public static Ipv4Subnet? Pick(IEnumerable<(string Base, int Size)> pools, IReadOnlyCollection<Ipv4Subnet> taken)
    {
        foreach (var (baseText, size) in pools)
        {
            var pool = Ipv4Subnet.Parse(baseText);
            if (size < pool.PrefixLength || size > 30) continue;
            var step = 1UL << (32 - size);
            for (ulong address = pool.Network; address < (ulong)pool.Network + pool.Size; address += step)
            {
                var candidate = new Ipv4Subnet((uint)address, size);
                if (!taken.Any(t => t.Overlaps(candidate))) return candidate;
            }
        }
        return null;
    }

    /// <summary>
    /// The IPv4 routes on the host (main table, from /proc/net/route), default route excluded, and
    /// those of <paramref name="skipInterface"/> (our own bridge from an earlier run) left out.
    /// </summary>
    public static List<Ipv4Subnet> HostRoutes(string? skipInterface = null, string path = "/proc/net/route")
    {
        var routes = new List<Ipv4Subnet>();
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (IOException) { return routes; }
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (f.Length < 8 || f[0] == skipInterface) continue;
            // Little-endian hex of the network-order address, as the kernel prints it.
            if (!uint.TryParse(f[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var dst)
                || !uint.TryParse(f[7], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask)) continue;
            var network = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(dst);
            var prefix = System.Numerics.BitOperations.PopCount(mask);
            if (prefix == 0) continue;
            routes.Add(new Ipv4Subnet(network, prefix));
        }
        return routes;
    }
}
