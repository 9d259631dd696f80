using System.Globalization;
using System.Text;

namespace Berth.Cli.Formatting;

/// <summary>Renders times the way Go's time package does, which is what docker's output shows.</summary>
internal static class GoTime
{
    private static readonly Lazy<(string Std, string? Dst)> LocalAbbreviations = new(ReadLocalAbbreviations);

    /// <summary>Go's Time.String() of time.Unix(seconds, 0): "2026-11-24 12:56:37 +0000 UTC" in local time.</summary>
    public static string UnixString(long seconds)
    {
        var utc = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var local = TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.Local);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        var zone = $"{sign}{abs.Hours:00}{abs.Minutes:00}";
        return local.ToString("yyyy-MM-dd HH:mm:ss ", CultureInfo.InvariantCulture) + zone + " " + ZoneName(local);
    }

    /// <summary>
    /// Go's Time.String() of a time the daemon sent as RFC 3339 ("2026-11-24T15:51:37.917827904Z" →
    /// "2026-11-24 15:51:37.917827904 +0000 UTC"), worked on the text so all nine fraction digits stay.
    /// A time with an offset prints it twice, as Go does for the unnamed zone JSON decoding gives it.
    /// </summary>
    public static string FromRfc3339(string text)
    {
        var t = text.IndexOf('T');
        if (t < 0) return text;
        var zoneAt = text.IndexOfAny(['Z', 'z', '+'], t);
        if (zoneAt < 0) zoneAt = text.IndexOf('-', t);
        var clock = zoneAt < 0 ? text[(t + 1)..] : text[(t + 1)..zoneAt];
        var dot = clock.IndexOf('.');
        if (dot >= 0)
        {
            var fraction = clock[(dot + 1)..].TrimEnd('0');
            clock = clock[..dot] + (fraction.Length > 0 ? "." + fraction : "");
        }
        var zone = zoneAt < 0 || text[zoneAt] is 'Z' or 'z' ? "+0000 UTC" : Offset(text[zoneAt..]);
        return text[..t] + " " + clock + " " + zone;

        static string Offset(string offset)
        {
            var compact = offset.Replace(":", "", StringComparison.Ordinal);
            return compact is "+0000" or "-0000" ? "+0000 UTC" : compact + " " + compact;
        }
    }

    /// <summary>Go's time.ANSIC layout ("Thu May  7 21:09:36 2026"), used by `version` for build times.</summary>
    public static string Ansic(DateTimeOffset time) =>
        time.ToString("ddd MMM ", CultureInfo.InvariantCulture)
        + time.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2)
        + time.ToString(" HH:mm:ss yyyy", CultureInfo.InvariantCulture);

    /// <summary>RFC 3339 in UTC to the second ("2026-11-24T12:56:37Z"), as `history --human=false`.</summary>
    public static string Rfc3339Utc(long seconds) =>
        DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string ZoneName(DateTimeOffset local)
    {
        var (std, dst) = LocalAbbreviations.Value;
        if (TimeZoneInfo.Local.IsDaylightSavingTime(local) && dst is not null) return dst;
        if (std.Length > 0) return std;
        // Go's fallback for a zone without an abbreviation: the offset, minutes only if needed.
        var abs = local.Offset.Duration();
        var sign = local.Offset < TimeSpan.Zero ? "-" : "+";
        return abs.Minutes == 0 ? $"{sign}{abs.Hours:00}" : $"{sign}{abs.Hours:00}{abs.Minutes:00}";
    }

    /// <summary>
    /// .NET has no zone abbreviations ("CET"), so read them from the POSIX TZ string that ends
    /// every TZif file (e.g. "CET-1CEST,M3.5.0,M10.5.0/3").
    /// </summary>
    private static (string Std, string? Dst) ReadLocalAbbreviations()
    {
        try
        {
            var id = TimeZoneInfo.Local.Id;
            if (id is "UTC" or "Etc/UTC" or "Universal" or "Zulu" or "Etc/Universal") return ("UTC", null);
            var tz = Environment.GetEnvironmentVariable("TZ")?.TrimStart(':');
            var path = !string.IsNullOrEmpty(tz) && !tz.StartsWith('/') ? "/usr/share/zoneinfo/" + tz
                : !string.IsNullOrEmpty(tz) ? tz : "/etc/localtime";
            if (!File.Exists(path)) return ("UTC", null);
            var bytes = File.ReadAllBytes(path);
            var text = Encoding.ASCII.GetString(bytes);
            var end = text.TrimEnd('\n');
            var footer = end[(end.LastIndexOf('\n') + 1)..];
            return ParsePosixTz(footer);
        }
        catch (IOException) { return ("", null); }
        catch (UnauthorizedAccessException) { return ("", null); }
    }

    internal static (string Std, string? Dst) ParsePosixTz(string tz)
    {
        var i = 0;
        var std = ReadName(tz, ref i);
        while (i < tz.Length && (char.IsDigit(tz[i]) || tz[i] is '+' or '-' or ':')) i++;
        var dst = i < tz.Length && tz[i] != ',' ? ReadName(tz, ref i) : null;
        return (std, string.IsNullOrEmpty(dst) ? null : dst);
    }

    private static string ReadName(string tz, ref int i)
    {
        if (i < tz.Length && tz[i] == '<')
        {
            var close = tz.IndexOf('>', i);
            if (close < 0) return "";
            var quoted = tz[(i + 1)..close];
            i = close + 1;
            return quoted;
        }
        var start = i;
        while (i < tz.Length && char.IsLetter(tz[i])) i++;
        return tz[start..i];
    }
}
