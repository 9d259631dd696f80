using System.Globalization;
using System.Net;

namespace Berth.Engine.Networking.Dns;

/// <summary>The address a PTR question asks about: d.c.b.a.in-addr.arpa (RFC 1035 3.5) or 32 reversed nibbles under ip6.arpa (RFC 3596 2.5).</summary>
internal static class DnsReverseName
{
    private const string V4Suffix = ".in-addr.arpa";
    private const string V6Suffix = ".ip6.arpa";

    /// <summary><paramref name="name"/> is a lower-case name without trailing dot, as <see cref="DnsQuestion.Name"/>.</summary>
    public static bool TryParse(string name, out IPAddress address)
    {
        address = IPAddress.None;
        if (name.EndsWith(V4Suffix, StringComparison.Ordinal))
        {
            var labels = name[..^V4Suffix.Length].Split('.');
            if (labels.Length != 4) return false;
            var bytes = new byte[4];
            for (var i = 0; i < 4; i++)
            {
                // Digits only: byte.TryParse would also take signs and spaces.
                var label = labels[3 - i];
                if (label.Length is 0 or > 3 || !label.All(char.IsAsciiDigit)) return false;
                if (!byte.TryParse(label, NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i])) return false;
            }
            address = new IPAddress(bytes);
            return true;
        }
        if (name.EndsWith(V6Suffix, StringComparison.Ordinal))
        {
            var labels = name[..^V6Suffix.Length].Split('.');
            if (labels.Length != 32) return false;
            var bytes = new byte[16];
            for (var i = 0; i < 32; i++)
            {
                var label = labels[31 - i];
                if (label.Length != 1 || !char.IsAsciiHexDigitLower(label[0])) return false;
                var nibble = Convert.ToByte(label, 16);
                bytes[i / 2] |= (byte)(i % 2 == 0 ? nibble << 4 : nibble);
            }
            address = new IPAddress(bytes);
            return true;
        }
        return false;
    }
}
