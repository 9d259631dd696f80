using System.Globalization;
using System.Text;

namespace Berth.Protocol.Formatting;

/// <summary>
/// Go's time.Duration text form ("1h30m5.5s", "300ms", "-2m0s"). Docker takes durations in this
/// syntax (--since 10m, --stop-timeout, healthcheck intervals) and prints them the same way, with
/// nanosecond precision that TimeSpan (100 ns ticks) cannot hold, hence the long-based API.
/// </summary>
public static class GoDuration
{
    public const long Nanosecond = 1;
    public const long Microsecond = 1000 * Nanosecond;
    public const long Millisecond = 1000 * Microsecond;
    public const long Second = 1000 * Millisecond;
    public const long Minute = 60 * Second;
    public const long Hour = 60 * Minute;

    private const ulong MaxMagnitude = 1UL << 63;

    /// <summary>time.ParseDuration; throws <see cref="FormatException"/> with Go's message.</summary>
    public static long Parse(string text)
    {
        if (!TryParse(text, out var nanoseconds, out var error))
            throw new FormatException(error);
        return nanoseconds;
    }

    /// <summary>time.ParseDuration without throwing; <paramref name="error"/> carries Go's message.</summary>
    public static bool TryParse(string text, out long nanoseconds, out string? error)
    {
        nanoseconds = 0;
        error = null;
        var invalid = "time: invalid duration " + GoStrings.TimeQuote(text);
        var s = text.AsSpan();
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s is "0")
            return true;
        if (s.IsEmpty)
        {
            error = invalid;
            return false;
        }

        ulong total = 0;
        while (!s.IsEmpty)
        {
            if (!(s[0] == '.' || IsDigit(s[0])))
            {
                error = invalid;
                return false;
            }

            // Integer part; overflow of the digits themselves is an invalid duration.
            ulong whole = 0;
            var consumed = 0;
            while (consumed < s.Length && IsDigit(s[consumed]))
            {
                if (whole > MaxMagnitude / 10)
                {
                    error = invalid;
                    return false;
                }
                whole = whole * 10 + (ulong)(s[consumed] - '0');
                if (whole > MaxMagnitude)
                {
                    error = invalid;
                    return false;
                }
                consumed++;
            }
            var hadInteger = consumed > 0;
            s = s[consumed..];

            // Fraction: digits beyond what fits are ignored, as Go does.
            ulong fraction = 0;
            double scale = 1;
            var hadFraction = false;
            if (!s.IsEmpty && s[0] == '.')
            {
                s = s[1..];
                var overflow = false;
                var i = 0;
                for (; i < s.Length && IsDigit(s[i]); i++)
                {
                    if (overflow)
                        continue;
                    if (fraction > (MaxMagnitude - 1) / 10)
                    {
                        overflow = true;
                        continue;
                    }
                    var next = fraction * 10 + (ulong)(s[i] - '0');
                    if (next > MaxMagnitude)
                    {
                        overflow = true;
                        continue;
                    }
                    fraction = next;
                    scale *= 10;
                }
                hadFraction = i > 0;
                s = s[i..];
            }
            if (!hadInteger && !hadFraction)
            {
                error = invalid;
                return false;
            }

            var unitLength = 0;
            while (unitLength < s.Length && s[unitLength] != '.' && !IsDigit(s[unitLength]))
                unitLength++;
            if (unitLength == 0)
            {
                error = "time: missing unit in duration " + GoStrings.TimeQuote(text);
                return false;
            }
            var unitText = s[..unitLength].ToString();
            s = s[unitLength..];
            var unit = UnitOf(unitText);
            if (unit == 0)
            {
                error = "time: unknown unit " + GoStrings.TimeQuote(unitText) + " in duration " + GoStrings.TimeQuote(text);
                return false;
            }
            if (whole > MaxMagnitude / unit)
            {
                error = invalid;
                return false;
            }
            whole *= unit;
            if (fraction > 0)
            {
                whole += (ulong)(fraction * (unit / scale));
                if (whole > MaxMagnitude)
                {
                    error = invalid;
                    return false;
                }
            }
            total += whole;
            if (total > MaxMagnitude)
            {
                error = invalid;
                return false;
            }
        }

        if (negative)
        {
            nanoseconds = total == MaxMagnitude ? long.MinValue : -(long)total;
            return true;
        }
        if (total > long.MaxValue)
        {
            error = invalid;
            return false;
        }
        nanoseconds = (long)total;
        return true;
    }

    /// <summary>time.Duration.String: "72h3m0.5s", "1.5µs", "0s".</summary>
    public static string Format(long nanoseconds)
    {
        if (nanoseconds == 0)
            return "0s";
        var negative = nanoseconds < 0;
        var u = negative ? (ulong)(-(nanoseconds + 1)) + 1 : (ulong)nanoseconds;
        var sb = new StringBuilder(32);
        if (u < (ulong)Second)
        {
            // Sub-second durations use the largest unit that keeps a non-zero leading digit.
            if (u < (ulong)Microsecond)
            {
                sb.Append(u.ToString(CultureInfo.InvariantCulture)).Append("ns");
            }
            else if (u < (ulong)Millisecond)
            {
                AppendFraction(sb, u, 3);
                sb.Append("µs");
            }
            else
            {
                AppendFraction(sb, u, 6);
                sb.Append("ms");
            }
        }
        else
        {
            var seconds = u / (ulong)Second;
            var nanos = u % (ulong)Second;
            var hours = seconds / 3600;
            var minutes = seconds / 60 % 60;
            seconds %= 60;
            if (hours > 0)
                sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
            if (hours > 0 || minutes > 0)
                sb.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
            sb.Append(seconds.ToString(CultureInfo.InvariantCulture));
            AppendFractionDigits(sb, nanos, 9);
            sb.Append('s');
        }
        if (negative)
            sb.Insert(0, '-');
        return sb.ToString();
    }

    /// <summary>Writes value / 10^digits with the fractional digits trimmed of trailing zeros.</summary>
    private static void AppendFraction(StringBuilder sb, ulong value, int digits)
    {
        ulong pow = 1;
        for (var i = 0; i < digits; i++)
            pow *= 10;
        sb.Append((value / pow).ToString(CultureInfo.InvariantCulture));
        AppendFractionDigits(sb, value % pow, digits);
    }

    private static void AppendFractionDigits(StringBuilder sb, ulong fraction, int digits)
    {
        if (fraction == 0)
            return;
        var text = fraction.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
        sb.Append('.').Append(text);
    }

    private static ulong UnitOf(string unit) => unit switch
    {
        "ns" => (ulong)Nanosecond,
        "us" or "\u00b5s" or "\u03bcs" => (ulong)Microsecond,
        "ms" => (ulong)Millisecond,
        "s" => (ulong)Second,
        "m" => (ulong)Minute,
        "h" => (ulong)Hour,
        _ => 0,
    };

    private static bool IsDigit(char c) => c is >= '0' and <= '9';
}
