using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Berth.Engine.Networking.Ipam;

/// <summary>An IPv4 network in CIDR form; addresses are host-order uints so ranges are plain arithmetic.</summary>
public readonly record struct Ipv4Subnet(uint Network, int PrefixLength)
{
    public uint Mask => PrefixLength == 0 ? 0 : uint.MaxValue << (32 - PrefixLength);
    public uint Broadcast => Network | ~Mask;
    public ulong Size => 1UL << (32 - PrefixLength);

    public bool Contains(uint address) => (address & Mask) == Network;

    public bool Contains(Ipv4Subnet other) => other.PrefixLength >= PrefixLength && Contains(other.Network);

    public bool Overlaps(Ipv4Subnet other) => Contains(other.Network) || other.Contains(Network);

    /// <summary>"172.18.0.0/16"; a host part is an error ("172.18.0.1/16" is not a network), as in Docker.</summary>
    public static Ipv4Subnet Parse(string text)
    {
        if (!TryParse(text, out var subnet, out var error)) throw new FormatException(error);
        return subnet;
    }

    public static bool TryParse(string text, out Ipv4Subnet subnet, out string error)
    {
        subnet = default;
        var slash = text.IndexOf('/');
        if (slash < 0 || !TryParseAddress(text[..slash], out var address)
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 32)
        {
            error = $"invalid CIDR address: {text}";
            return false;
        }
        subnet = new Ipv4Subnet(address & (prefix == 0 ? 0 : uint.MaxValue << (32 - prefix)), prefix);
        error = "";
        return true;
    }

    /// <summary>The network containing <paramref name="text"/>'s address, ignoring host bits ("10.1.2.3/8" → 10.0.0.0/8).</summary>
    public static Ipv4Subnet ParseLoose(string text) => Parse(text);

    public static bool TryParseAddress(string text, out uint address)
    {
        address = 0;
        if (!IPAddress.TryParse(text, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork || text.Count(c => c == '.') != 3) return false;
        address = ToUInt(ip);
        return true;
    }

    public static uint ToUInt(IPAddress ip)
    {
        Span<byte> b = stackalloc byte[4];
        ip.TryWriteBytes(b, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(b);
    }

    public static IPAddress ToAddress(uint address)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, address);
        return new IPAddress(b);
    }

    public static string Format(uint address) => ToAddress(address).ToString();

    public override string ToString() => $"{Format(Network)}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}";
}
