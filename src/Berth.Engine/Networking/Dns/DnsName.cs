using System.Text;

namespace Berth.Engine.Networking.Dns;

/// <summary>
/// Domain names on the wire (RFC 1035 3.1, 4.1.4): length-prefixed labels ending in a zero byte,
/// possibly compressed with pointers to earlier names in the same message.
/// </summary>
internal static class DnsName
{
    /// <summary>Longest name on the wire, length bytes and final zero included (RFC 1035 2.3.4).</summary>
    public const int MaxWireLength = 255;
    public const int MaxLabelLength = 63;

    /// <summary>
    /// Reads the name at <paramref name="offset"/> into its uncompressed wire form and moves
    /// <paramref name="offset"/> past it as it sits in the message. Returns false, never throws,
    /// for anything that runs off the message, is longer than 255 bytes, uses the reserved label
    /// types, or has a pointer that does not go back before every byte read so far — that last rule
    /// is what makes pointer loops impossible, however the packet is crafted.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> message, ref int offset, out byte[] wire)
    {
        wire = [];
        Span<byte> name = stackalloc byte[MaxWireLength];
        var length = 0;
        var position = offset;
        var lowest = offset;
        var end = -1;
        while (true)
        {
            if (position >= message.Length) return false;
            var labelLength = message[position];
            if ((labelLength & 0xC0) == 0xC0)
            {
                if (position + 1 >= message.Length) return false;
                var target = ((labelLength & 0x3F) << 8) | message[position + 1];
                if (target >= lowest) return false;
                if (end < 0) end = position + 2;
                lowest = target;
                position = target;
                continue;
            }
            if ((labelLength & 0xC0) != 0) return false;
            if (labelLength == 0)
            {
                name[length++] = 0;
                if (end < 0) end = position + 1;
                break;
            }
            if (position + 1 + labelLength > message.Length) return false;
            // Room for this label and the final zero.
            if (length + 1 + labelLength + 1 > MaxWireLength) return false;
            message.Slice(position, 1 + labelLength).CopyTo(name[length..]);
            length += 1 + labelLength;
            position += 1 + labelLength;
        }
        wire = name[..length].ToArray();
        offset = end;
        return true;
    }

    /// <summary>
    /// The name in lower case without the trailing dot ("" for the root). Bytes that cannot be part
    /// of a host name in text ('.', '\', space, control and non-ASCII bytes) are written as \DDD,
    /// as in zone files, so a crafted label can never be mistaken for a container name.
    /// </summary>
    public static string ToText(ReadOnlySpan<byte> wire)
    {
        var text = new StringBuilder(wire.Length);
        var position = 0;
        while (position < wire.Length && wire[position] != 0)
        {
            var labelLength = wire[position];
            if (text.Length > 0) text.Append('.');
            foreach (var b in wire.Slice(position + 1, labelLength))
            {
                if (b is >= (byte)'A' and <= (byte)'Z') text.Append((char)(b + 32));
                else if (b is > 0x20 and < 0x7F && b != '.' && b != '\\') text.Append((char)b);
                else text.Append('\\').Append(b.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
            }
            position += 1 + labelLength;
        }
        return text.ToString();
    }

    /// <summary>
    /// The wire form of a dotted name (a trailing dot is optional). False for names a resolver would
    /// reject: empty or over-long labels, non-ASCII, more than 255 bytes.
    /// </summary>
    public static bool TryEncode(string name, out byte[] wire)
    {
        wire = [];
        var trimmed = name.EndsWith('.') ? name[..^1] : name;
        if (trimmed.Length == 0) return false;
        var labels = trimmed.Split('.');
        var length = labels.Sum(l => 1 + l.Length) + 1;
        if (length > MaxWireLength) return false;
        var buffer = new byte[length];
        var position = 0;
        foreach (var label in labels)
        {
            if (label.Length is 0 or > MaxLabelLength) return false;
            buffer[position++] = (byte)label.Length;
            foreach (var c in label)
            {
                if (c is <= ' ' or >= (char)0x7F) return false;
                buffer[position++] = (byte)c;
            }
        }
        buffer[position] = 0;
        wire = buffer;
        return true;
    }
}
