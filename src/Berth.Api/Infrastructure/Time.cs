using System.Globalization;

namespace Berth.Api.Infrastructure;

/// <summary>Go's time.RFC3339Nano as Docker prints it (UTC, trailing zeros of the fraction dropped).</summary>
public static class Time
{
    public static string Rfc3339Nano(DateTimeOffset t)
    {
        var utc = t.ToUniversalTime();
        var fraction = (utc.Ticks % TimeSpan.TicksPerSecond).ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
        return utc.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + (fraction.Length > 0 ? "." + fraction : "") + "Z";
    }

    public static string Rfc3339Nano(DateTimeOffset? t) => t is { } v ? Rfc3339Nano(v) : "0001-01-01T00:00:00Z";

    /// <summary>A log timestamp (always 9 fraction digits, as docker logs -t shows).</summary>
    public static string LogTimestamp(DateTimeOffset t) =>
        t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00Z";
}
