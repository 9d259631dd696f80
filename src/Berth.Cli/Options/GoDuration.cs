using System.Globalization;

namespace Berth.Cli.Options;

/// <summary>Go's time.ParseDuration ("300ms", "1.5h", "2h45m", "-10s"), used by --since and -t values.</summary>
internal static class GoDuration
{
    private static readonly (string Unit, double Nanos)[] Units =
    [
        ("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
    ];

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var s = text;
        var negative = false;
        if (s.StartsWith('-') || s.StartsWith('+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s == "0") return true;
        if (s.Length == 0) return false;
        double totalNanos = 0;
        while (s.Length > 0)
        {
            var i = 0;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
            if (i == 0 || !double.TryParse(s[..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                return false;
            s = s[i..];
            var matched = false;
            // Longest unit first so "ms" is not read as "m" followed by "s".
            foreach (var (unit, nanos) in Units.OrderByDescending(u => u.Unit.Length))
            {
                if (!s.StartsWith(unit, StringComparison.Ordinal)) continue;
                totalNanos += value * nanos;
                s = s[unit.Length..];
                matched = true;
                break;
            }
            if (!matched) return false;
        }
        duration = TimeSpan.FromTicks((long)(totalNanos / 100) * (negative ? -1 : 1));
        return true;
    }
}
