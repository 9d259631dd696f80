using System.Globalization;

namespace Berth.Protocol.Formatting;

/// <summary>
/// Docker's go-units: the human-readable durations and sizes the CLI prints ("Up 3 hours",
/// "1.23MB") and the size strings it accepts ("--memory 512m", "--shm-size 64MB").
/// </summary>
public static class HumanUnits
{
    private static readonly string[] DecimalUnits = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    private static readonly string[] BinaryUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];

    /// <summary>units.HumanDuration: "Less than a second", "About a minute", "3 hours", "2 weeks"...</summary>
    public static string HumanDuration(TimeSpan duration)
    {
        // Each step truncates like Go's int(d.Seconds()) etc.; hours round to nearest.
        var seconds = (long)duration.TotalSeconds;
        if (seconds < 1)
            return "Less than a second";
        if (seconds == 1)
            return "1 second";
        if (seconds < 60)
            return Invariant($"{seconds} seconds");
        var minutes = (long)duration.TotalMinutes;
        if (minutes == 1)
            return "About a minute";
        if (minutes < 60)
            return Invariant($"{minutes} minutes");
        var hours = (long)(duration.TotalHours + 0.5);
        if (hours == 1)
            return "About an hour";
        if (hours < 48)
            return Invariant($"{hours} hours");
        if (hours < 24 * 7 * 2)
            return Invariant($"{hours / 24} days");
        if (hours < 24 * 30 * 2)
            return Invariant($"{hours / 24 / 7} weeks");
        if (hours < 24 * 365 * 2)
            return Invariant($"{hours / 24 / 30} months");
        return Invariant($"{(long)duration.TotalHours / 24 / 365} years");
    }

    /// <summary>
    /// The size the Docker CLI shows for images and containers: units.HumanSizeWithPrecision(size, 3),
    /// decimal units ("1.23MB", "4.1kB", "0B"). go-units' own HumanSize uses precision 4; use
    /// <see cref="HumanSizeWithPrecision"/> with 4 where Docker calls that (e.g. system df).
    /// </summary>
    public static string HumanSize(long bytes) => HumanSizeWithPrecision(bytes, 3);

    /// <summary>units.HumanSizeWithPrecision: "%.*g" of the size scaled by 1000, then the unit.</summary>
    public static string HumanSizeWithPrecision(double size, int precision)
    {
        var (scaled, unit) = Scale(size, 1000.0, DecimalUnits);
        return GoFloat.Format(scaled, 'g', precision) + unit;
    }

    /// <summary>units.BytesSize: binary units with "%.4g" ("44KiB", "17.5MiB").</summary>
    public static string BytesSize(double size)
    {
        var (scaled, unit) = Scale(size, 1024.0, BinaryUnits);
        return GoFloat.Format(scaled, 'g', 4) + unit;
    }

    /// <summary>
    /// units.RAMInBytes: "512m", "1g", "64MiB", "100" (bytes); suffixes are binary (k = 1024).
    /// Throws <see cref="FormatException"/> with go-units' message.
    /// </summary>
    public static long RamInBytes(string size) => ParseSize(size, binary: true);

    /// <summary>units.FromHumanSize: like <see cref="RamInBytes"/> but with decimal suffixes (k = 1000).</summary>
    public static long FromHumanSize(string size) => ParseSize(size, binary: false);

    /// <summary>time.ParseDuration as a TimeSpan (sub-100ns precision is truncated).</summary>
    public static TimeSpan ParseGoDuration(string text) => TimeSpan.FromTicks(GoDuration.Parse(text) / 100);

    /// <summary>time.Duration.String for a TimeSpan.</summary>
    public static string FormatGoDuration(TimeSpan duration) => GoDuration.Format(checked(duration.Ticks * 100));

    private static (double Size, string Unit) Scale(double size, double step, string[] units)
    {
        var i = 0;
        while (size >= step && i < units.Length - 1)
        {
            size /= step;
            i++;
        }
        return (size, units[i]);
    }

    private static long ParseSize(string text, bool binary)
    {
        // The number ends at the last digit, dot or space; a single space may separate the suffix.
        var sep = text.LastIndexOfAny(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.', ' ']);
        if (sep == -1)
            throw new FormatException($"invalid size: '{text}'");
        string number, suffix;
        if (text[sep] != ' ')
        {
            number = text[..(sep + 1)];
            suffix = text[(sep + 1)..];
        }
        else
        {
            number = text[..sep];
            suffix = text[(sep + 1)..];
        }

        var size = ParseGoFloat(number);
        if (size < 0)
            throw new FormatException($"invalid size: '{text}'");
        if (suffix.Length == 0)
            return ToInt64(size);
        if (suffix.Length > 3)
            throw new FormatException($"invalid suffix: '{suffix}'");

        suffix = suffix.ToLowerInvariant();
        if (suffix[0] == 'b')
        {
            if (suffix.Length > 1)
                throw new FormatException($"invalid suffix: '{suffix}'");
            return ToInt64(size);
        }
        double multiplier = suffix[0] switch
        {
            'k' => 1,
            'm' => 2,
            'g' => 3,
            't' => 4,
            'p' => 5,
            _ => throw new FormatException($"invalid suffix: '{suffix}'"),
        };
        size *= Math.Pow(binary ? 1024 : 1000, multiplier);
        if ((suffix.Length == 2 && suffix[1] != 'b') || (suffix.Length == 3 && suffix[1..] != "ib"))
            throw new FormatException($"invalid suffix: '{suffix}'");
        return ToInt64(size);
    }

    /// <summary>strconv.ParseFloat for the plain decimal forms sizes use, with Go's error text.</summary>
    private static double ParseGoFloat(string number)
    {
        var styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (number.Length == 0 || !double.TryParse(number, styles, CultureInfo.InvariantCulture, out var value))
            throw new FormatException($"strconv.ParseFloat: parsing {GoStrings.Quote(number)}: invalid syntax");
        if (double.IsInfinity(value))
            throw new FormatException($"strconv.ParseFloat: parsing {GoStrings.Quote(number)}: value out of range");
        return value;
    }

    /// <summary>Go's int64(float64) conversion, saturated rather than undefined for huge values.</summary>
    private static long ToInt64(double value) =>
        value >= 9.2233720368547758E18 ? long.MinValue : (long)value;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
