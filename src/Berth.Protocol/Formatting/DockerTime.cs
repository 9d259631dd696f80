using System.Globalization;

namespace Berth.Protocol.Formatting;

/// <summary>
/// Docker's timetypes: the values --since/--until (logs, events, prune filters) accept. The CLI turns
/// the user's text into "seconds.nanoseconds" relative to the local clock (GetTimestamp) and the
/// daemon reads that back (ParseTimestamps).
/// </summary>
public static class DockerTime
{
    private const string LocalNanoLayout = "2006-01-02T15:04:05.999999999";
    private const string LocalLayout = "2006-01-02T15:04:05";
    private const string Rfc3339 = "2006-01-02T15:04:05Z07:00";
    private const string Rfc3339Nano = "2006-01-02T15:04:05.999999999Z07:00";
    private const string DateLocal = "2006-01-02";
    private const string DateWithZone = "2006-01-02Z07:00";

    /// <summary>
    /// Parses a --since/--until value: a Go duration before <paramref name="now"/> ("10m", "1h30m"),
    /// RFC 3339 with or without fraction and zone, "2006-01-02", "2006-01-02T15:04[:05]" (in now's
    /// offset), or a Unix timestamp ("1700000000", "1700000000.123456789").
    /// Throws <see cref="FormatException"/> with Docker's message.
    /// </summary>
    public static DateTimeOffset Parse(string value, DateTimeOffset now)
    {
        var (seconds, nanoseconds) = ParseTimestamps(GetTimestamp(value, now), 0);
        return DateTimeOffset.UnixEpoch.AddSeconds(seconds).AddTicks(nanoseconds / 100);
    }

    /// <summary>timetypes.GetTimestamp: the "seconds[.nanoseconds]" string the CLI sends to the daemon.</summary>
    public static string GetTimestamp(string value, DateTimeOffset reference)
    {
        if (value != "0" && GoDuration.TryParse(value, out var duration, out _))
        {
            var referenceNanos = (reference.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
            return FloorDiv(referenceNanos - duration, GoDuration.Second).ToString(CultureInfo.InvariantCulture);
        }

        // A zone is present when the text has Z/z/+ or a third '-' (a negative offset).
        var inLocation = value.IndexOfAny(['z', 'Z', '+']) < 0 && value.Count(c => c == '-') != 3;
        string layout;
        if (value.Contains('.'))
        {
            layout = inLocation ? LocalNanoLayout : Rfc3339Nano;
        }
        else if (value.Contains('T'))
        {
            var colons = value.Count(c => c == ':');
            // A "+hh:mm"/"-hh:mm" offset contributes one colon that is not part of the time.
            if (!inLocation && value.IndexOfAny(['z', 'Z']) < 0 && colons > 0)
                colons--;
            layout = (inLocation, colons) switch
            {
                (true, 0) => "2006-01-02T15",
                (true, 1) => "2006-01-02T15:04",
                (true, _) => LocalLayout,
                (false, 0) => "2006-01-02T15Z07:00",
                (false, 1) => "2006-01-02T15:04Z07:00",
                (false, _) => Rfc3339,
            };
        }
        else
        {
            layout = inLocation ? DateLocal : DateWithZone;
        }

        var offset = inLocation ? (int)reference.Offset.TotalSeconds : 0;
        if (!GoTimeLayout.TryParse(layout, value, offset, out var instant, out var error))
        {
            // With a '-' it was meant as a date, so the date error is the useful one.
            if (value.Contains('-'))
                throw new FormatException(error);
            if (!TryParseTimestamp(value, out _, out _, out _))
                throw new FormatException("failed to parse value as time or duration: " + GoStrings.Quote(value));
            return value;
        }
        return instant.Seconds.ToString(CultureInfo.InvariantCulture) + "." +
               instant.Nanoseconds.ToString("D9", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// timetypes.ParseTimestamps: splits "seconds[.fraction]"; an empty value yields
    /// <paramref name="defaultSeconds"/>. Throws <see cref="FormatException"/> with strconv's message.
    /// </summary>
    public static (long Seconds, long Nanoseconds) ParseTimestamps(string value, long defaultSeconds)
    {
        if (value.Length == 0)
            return (defaultSeconds, 0);
        if (!TryParseTimestamp(value, out var seconds, out var nanoseconds, out var error))
            throw new FormatException(error);
        return (seconds, nanoseconds);
    }

    private static bool TryParseTimestamp(string value, out long seconds, out long nanoseconds, out string? error)
    {
        nanoseconds = 0;
        var dot = value.IndexOf('.');
        var secondsText = dot < 0 ? value : value[..dot];
        if (!TryParseInt64(secondsText, out seconds, out error))
            return false;
        if (dot < 0)
            return true;
        var fraction = value[(dot + 1)..];
        if (!TryParseInt64(fraction, out var digits, out error))
            return false;
        // The fraction is scaled to nanoseconds by its digit count, through float64 as Docker does.
        nanoseconds = (long)(digits * Math.Pow(10, 9 - fraction.Length));
        return true;
    }

    /// <summary>strconv.ParseInt(s, 10, 64) with its error texts.</summary>
    private static bool TryParseInt64(string text, out long value, out string? error)
    {
        error = null;
        value = 0;
        var digits = text.AsSpan();
        var negative = false;
        if (digits.Length > 0 && (digits[0] == '+' || digits[0] == '-'))
        {
            negative = digits[0] == '-';
            digits = digits[1..];
        }
        if (digits.IsEmpty)
        {
            error = $"strconv.ParseInt: parsing {GoStrings.Quote(text)}: invalid syntax";
            return false;
        }
        ulong magnitude = 0;
        var overflow = false;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                error = $"strconv.ParseInt: parsing {GoStrings.Quote(text)}: invalid syntax";
                return false;
            }
            if (magnitude > (ulong.MaxValue - 9) / 10)
                overflow = true;
            else
                magnitude = magnitude * 10 + (ulong)(c - '0');
        }
        var limit = negative ? 1UL << 63 : (1UL << 63) - 1;
        if (overflow || magnitude > limit)
        {
            value = negative ? long.MinValue : long.MaxValue;
            error = $"strconv.ParseInt: parsing {GoStrings.Quote(text)}: value out of range";
            return false;
        }
        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return true;
    }

    private static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }
}
