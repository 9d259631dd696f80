using System.Globalization;

namespace Berth.Cli.Options;

/// <summary>
/// --since/--until values as docker's client sends them: a Go duration ("10m") means that long
/// before now; RFC 3339 dates and times (with or without zone, local time when without) become
/// Unix seconds ("1700000000" or "1700000000.123456789"); a Unix timestamp passes unchanged.
/// </summary>
internal static class TimestampArg
{
    private static readonly string[] LocalLayouts =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH", "yyyy-MM-dd",
    ];

    private static readonly string[] ZonedLayouts =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HHK", "yyyy-MM-ddK",
    ];

    public static string Convert(string value, DateTimeOffset now)
    {
        if (value != "0" && GoDuration.TryParse(value, out var ago))
            return (now - ago).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        // Digits with an optional fraction: already a Unix timestamp.
        if (value.Length > 0 && value.All(c => char.IsAsciiDigit(c) || c == '.') && value.Count(c => c == '.') <= 1)
            return value;

        var zoned = value.AsSpan().IndexOfAny('z', 'Z', '+') >= 0 || value.Count(c => c == '-') == 3;
        var styles = DateTimeStyles.AllowWhiteSpaces;
        if (zoned && DateTimeOffset.TryParseExact(value, ZonedLayouts, CultureInfo.InvariantCulture, styles, out var z))
            return Format(z);
        if (!zoned && DateTime.TryParseExact(value, LocalLayouts, CultureInfo.InvariantCulture,
                styles | DateTimeStyles.AssumeLocal, out var local))
            return Format(new DateTimeOffset(local));
        throw new FormatException($"failed to parse value as time or duration: \"{value}\"");
    }

    private static string Format(DateTimeOffset time)
    {
        var seconds = time.ToUnixTimeSeconds();
        var nanos = (time.UtcTicks % TimeSpan.TicksPerSecond) * 100;
        return nanos == 0
            ? seconds.ToString(CultureInfo.InvariantCulture)
            : $"{seconds}.{nanos:000000000}";
    }
}
