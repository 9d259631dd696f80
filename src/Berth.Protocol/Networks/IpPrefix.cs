using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Berth.Protocol.Networks;

/// <summary>
/// An address with a prefix length as written ("10.1.2.3/16" keeps its host bits), parsed with Go's
/// strictness: four plain decimal octets for IPv4 (no leading zeros, no short forms), no zone.
/// </summary>
public readonly record struct IpPrefix(IPAddress Address, int Bits)
{
    public bool IsIPv6 => Address.AddressFamily == AddressFamily.InterNetworkV6;
    public string Family => IsIPv6 ? "IPv6" : "IPv4";
    public bool IsMasked => Masked().Address.Equals(Address);

    public IpPrefix Masked() => new(Mask(Address, Bits), Bits);

    public bool Contains(IPAddress ip) => ip.AddressFamily == Address.AddressFamily && Mask(ip, Bits).Equals(Masked().Address);

    public bool Overlaps(IpPrefix other)
    {
        if (other.IsIPv6 != IsIPv6) return false;
        var bits = Math.Min(Bits, other.Bits);
        return Mask(Address, bits).Equals(Mask(other.Address, bits));
    }

    public override string ToString() => $"{Address}/{Bits.ToString(CultureInfo.InvariantCulture)}";

    public static bool TryParse(string text, out IpPrefix prefix)
    {
        prefix = default;
        var slash = text.LastIndexOf('/');
        if (slash < 0 || !TryParseAddress(text[..slash], out var address)) return false;
        var bitsText = text[(slash + 1)..];
        var max = address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        if (bitsText.Length == 0 || bitsText.Length > 3 || (bitsText.Length > 1 && bitsText[0] == '0')
            || !int.TryParse(bitsText, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) || bits > max)
            return false;
        prefix = new IpPrefix(address, bits);
        return true;
    }

    public static bool TryParseAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Length == 0 || text.Contains('%') || !IPAddress.TryParse(text, out var parsed)) return false;
        if (parsed.AddressFamily == AddressFamily.InterNetwork)
        {
            // .NET also takes "10.1", "0x0a.0.0.1" and "010.0.0.1"; Go wants four plain decimal octets.
            var parts = text.Split('.');
            if (parts.Length != 4 || parts.Any(p => p.Length == 0 || p.Length > 3 || !p.All(char.IsAsciiDigit) || (p.Length > 1 && p[0] == '0')))
                return false;
        }
        else if (parsed.AddressFamily != AddressFamily.InterNetworkV6) return false;
        address = parsed;
        return true;
    }

    private static IPAddress Mask(IPAddress ip, int bits)
    {
        var bytes = ip.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(bits - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPAddress(bytes);
    }
}
