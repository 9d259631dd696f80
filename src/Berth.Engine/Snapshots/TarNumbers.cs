using Berth.Engine.Errors;

namespace Berth.Engine.Snapshots;

/// <summary>Numeric fields of tar headers: octal text, GNU base-256 binary, and PAX decimals.</summary>
internal static class TarNumbers
{
    /// <summary>An octal or base-256 header field; padding spaces and NULs around octal digits are allowed.</summary>
    public static long ParseField(ReadOnlySpan<byte> field)
    {
        if (field.Length > 0 && (field[0] & 0x80) != 0)
            return ParseBase256(field);

        field = field.Trim(" \0"u8);
        long value = 0;
        foreach (var c in field)
        {
            if (c < '0' || c > '7' || value > (long.MaxValue >> 3))
                throw Invalid();
            value = (value << 3) | (long)(c - '0');
        }
        return value;
    }

    /// <summary>A uid or gid; -1 (0xFFFFFFFF) means "unchanged" to chown, so it is refused too.</summary>
    public static uint ToId(long value) =>
        value is >= 0 and < uint.MaxValue ? (uint)value : throw BerthException.Invalid($"invalid tar header: bad owner id {value}");

    public static bool TryParseDecimal(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 18)
            return false;
        foreach (var c in text)
        {
            if (c < '0' || c > '9')
                return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    /// <summary>A PAX time such as "1700000000.123456789" or "-1.5", normalised to non-negative nanoseconds.</summary>
    public static bool TryParsePaxTime(ReadOnlySpan<byte> text, out long seconds, out long nanoseconds)
    {
        seconds = nanoseconds = 0;
        var negative = !text.IsEmpty && text[0] == '-';
        if (negative)
            text = text[1..];
        var dot = text.IndexOf((byte)'.');
        var whole = dot < 0 ? text : text[..dot];
        if (!TryParseDecimal(whole, out seconds))
            return false;
        if (dot >= 0)
        {
            var fraction = text[(dot + 1)..];
            long scale = 100_000_000;
            foreach (var c in fraction)
            {
                if (c < '0' || c > '9')
                    return false;
                nanoseconds += (c - '0') * scale; // digits past nanoseconds are truncated
                scale /= 10;
            }
        }
        if (negative)
        {
            seconds = -seconds;
            if (nanoseconds > 0)
            {
                seconds--;
                nanoseconds = 1_000_000_000 - nanoseconds;
            }
        }
        return true;
    }

    private static long ParseBase256(ReadOnlySpan<byte> field)
    {
        // The first byte's top bit marks the encoding; bit 6 is the sign of a two's complement number.
        byte invert = (field[0] & 0x40) != 0 ? (byte)0xff : (byte)0;
        ulong value = 0;
        for (var i = 0; i < field.Length; i++)
        {
            var c = (byte)(field[i] ^ invert);
            if (i == 0)
                c &= 0x7f;
            if ((value >> 56) != 0)
                throw Invalid();
            value = (value << 8) | c;
        }
        if ((value >> 63) != 0)
            throw Invalid();
        return invert == 0xff ? ~(long)value : (long)value;
    }

    private static BerthException Invalid() => BerthException.Invalid("invalid tar header: bad numeric field");
}
