namespace Berth.Protocol.Formatting;

/// <summary>
/// Go's time.Parse for the handful of layout elements Docker's timestamp parsing uses
/// (2006 01 02 15 04 05 .999999999 Z07:00). Docker surfaces Go's parse errors verbatim
/// ("parsing time "x" as "2006-01-02": cannot parse ..."), so the element-by-element matching
/// and error texts follow Go.
/// </summary>
internal static class GoTimeLayout
{
    private enum Element { None, LongYear, ZeroMonth, ZeroDay, Hour, ZeroMinute, ZeroSecond, FracSecond9, ColonTimeZone }

    /// <summary>The instant as Unix seconds plus nanoseconds.</summary>
    internal readonly record struct Instant(long Seconds, long Nanoseconds);

    /// <summary>
    /// Parses <paramref name="value"/> against <paramref name="layout"/>. Values without a zone use
    /// <paramref name="defaultOffsetSeconds"/> (time.ParseInLocation with a fixed zone, or UTC for time.Parse).
    /// </summary>
    internal static bool TryParse(string layout, string value, int defaultOffsetSeconds, out Instant instant, out string? error)
    {
        instant = default;
        error = null;
        var rest = value;
        var remainingLayout = layout;
        int year = 0, month = -1, day = -1, hour = 0, minute = 0, second = 0;
        long nanos = 0;
        int? zoneOffset = null;

        while (true)
        {
            var (prefix, element, elementText, suffix) = NextChunk(remainingLayout);
            if (!Skip(ref rest, prefix))
            {
                error = Error(layout, value, prefix, rest, "");
                return false;
            }
            if (element == Element.None)
            {
                if (rest.Length != 0)
                {
                    error = Error(layout, value, "", rest, ": extra text: " + GoStrings.TimeQuote(rest));
                    return false;
                }
                break;
            }
            remainingLayout = suffix;
            var hold = rest;
            var bad = false;
            string? rangeError = null;
            switch (element)
            {
                case Element.LongYear:
                    if (rest.Length < 4 || !AllDigits(rest.AsSpan(0, 4)))
                    {
                        bad = true;
                        break;
                    }
                    year = int.Parse(rest.AsSpan(0, 4), provider: System.Globalization.CultureInfo.InvariantCulture);
                    rest = rest[4..];
                    break;
                case Element.ZeroMonth:
                    bad = !GetNumber(ref rest, fixedWidth: true, out month);
                    if (!bad && (month <= 0 || month > 12))
                        rangeError = "month";
                    break;
                case Element.ZeroDay:
                    // Any one- or two-digit day passes here; the date as a whole is checked at the end.
                    bad = !GetNumber(ref rest, fixedWidth: true, out day);
                    break;
                case Element.Hour:
                    bad = !GetNumber(ref rest, fixedWidth: false, out hour);
                    if (!bad && hour >= 24)
                        rangeError = "hour";
                    break;
                case Element.ZeroMinute:
                    bad = !GetNumber(ref rest, fixedWidth: true, out minute);
                    if (!bad && minute >= 60)
                        rangeError = "minute";
                    break;
                case Element.ZeroSecond:
                    bad = !GetNumber(ref rest, fixedWidth: true, out second);
                    if (bad)
                        break;
                    if (second >= 60)
                    {
                        rangeError = "second";
                        break;
                    }
                    // A fraction in the value but not in the layout is still accepted.
                    if (rest.Length >= 2 && IsCommaOrPeriod(rest[0]) && IsDigit(rest[1]) && NextChunk(remainingLayout).Element != Element.FracSecond9)
                    {
                        var n = 2;
                        while (n < rest.Length && IsDigit(rest[n]))
                            n++;
                        nanos = ParseNanoseconds(rest, n);
                        rest = rest[n..];
                    }
                    break;
                case Element.FracSecond9:
                    if (rest.Length < 2 || !IsCommaOrPeriod(rest[0]) || !IsDigit(rest[1]))
                        break; // the fraction is optional
                    var digits = 0;
                    while (digits + 1 < rest.Length && IsDigit(rest[digits + 1]))
                        digits++;
                    nanos = ParseNanoseconds(rest, 1 + digits);
                    rest = rest[(1 + digits)..];
                    break;
                case Element.ColonTimeZone:
                    if (rest.Length >= 1 && rest[0] == 'Z')
                    {
                        rest = rest[1..];
                        zoneOffset = 0;
                        break;
                    }
                    if (rest.Length < 6 || rest[3] != ':')
                    {
                        bad = true;
                        break;
                    }
                    var sign = rest[0];
                    var hh = rest.Substring(1, 2);
                    var mm = rest.Substring(4, 2);
                    rest = rest[6..];
                    var zoneMinutes = 0;
                    bad = !GetNumber(ref hh, true, out var zoneHours) || !GetNumber(ref mm, true, out zoneMinutes);
                    // Go tests with > (offsets of 24h/60m occur) and the later check wins.
                    if (zoneHours > 24)
                        rangeError = "time zone offset hour";
                    if (zoneMinutes > 60)
                        rangeError = "time zone offset minute";
                    zoneOffset = (zoneHours * 60 + zoneMinutes) * 60;
                    if (sign == '-')
                        zoneOffset = -zoneOffset;
                    else if (sign != '+')
                        bad = true;
                    break;
            }
            if (rangeError != null)
            {
                error = Error(layout, value, elementText, rest, ": " + rangeError + " out of range");
                return false;
            }
            if (bad)
            {
                error = Error(layout, value, elementText, hold, "");
                return false;
            }
        }

        if (month < 0)
            month = 1;
        if (day < 1 || day > DaysIn(month, year))
        {
            error = Error(layout, value, "", rest, ": day out of range");
            return false;
        }
        var local = DaysFromCivil(year, month, day) * 86400L + hour * 3600L + minute * 60L + second;
        instant = new Instant(local - (zoneOffset ?? defaultOffsetSeconds), nanos);
        return true;
    }

    /// <summary>Splits the layout at its first recognised element.</summary>
    private static (string Prefix, Element Element, string Text, string Suffix) NextChunk(string layout)
    {
        for (var i = 0; i < layout.Length; i++)
        {
            var rest = layout.AsSpan(i);
            var (element, length) = rest switch
            {
                _ when rest.StartsWith("2006") => (Element.LongYear, 4),
                _ when rest.StartsWith("01") => (Element.ZeroMonth, 2),
                _ when rest.StartsWith("02") => (Element.ZeroDay, 2),
                _ when rest.StartsWith("15") => (Element.Hour, 2),
                _ when rest.StartsWith("04") => (Element.ZeroMinute, 2),
                _ when rest.StartsWith("05") => (Element.ZeroSecond, 2),
                _ when rest.StartsWith(".999999999") => (Element.FracSecond9, 10),
                _ when rest.StartsWith("Z07:00") => (Element.ColonTimeZone, 6),
                _ => (Element.None, 0),
            };
            if (element != Element.None)
                return (layout[..i], element, layout.Substring(i, length), layout[(i + length)..]);
        }
        return (layout, Element.None, "", "");
    }

    /// <summary>Matches the literal layout text; a space in the layout matches a run of spaces.</summary>
    private static bool Skip(ref string value, string prefix)
    {
        while (prefix.Length > 0)
        {
            if (prefix[0] == ' ')
            {
                if (value.Length > 0 && value[0] != ' ')
                    return false;
                prefix = prefix.TrimStart(' ');
                value = value.TrimStart(' ');
                continue;
            }
            if (value.Length == 0 || value[0] != prefix[0])
                return false;
            prefix = prefix[1..];
            value = value[1..];
        }
        return true;
    }

    private static bool GetNumber(ref string value, bool fixedWidth, out int number)
    {
        number = 0;
        if (value.Length == 0 || !IsDigit(value[0]))
            return false;
        if (value.Length < 2 || !IsDigit(value[1]))
        {
            if (fixedWidth)
                return false;
            number = value[0] - '0';
            value = value[1..];
            return true;
        }
        number = (value[0] - '0') * 10 + (value[1] - '0');
        value = value[2..];
        return true;
    }

    /// <summary>Reads ".ddd" (at most nine digits count) as nanoseconds.</summary>
    private static long ParseNanoseconds(string value, int length)
    {
        if (length > 10)
            length = 10;
        long ns = 0;
        for (var i = 1; i < length; i++)
            ns = ns * 10 + (value[i] - '0');
        for (var i = 0; i < 10 - length; i++)
            ns *= 10;
        return ns;
    }

    private static string Error(string layout, string value, string layoutElement, string valueElement, string message) =>
        message.Length == 0
            ? "parsing time " + GoStrings.TimeQuote(value) + " as " + GoStrings.TimeQuote(layout) + ": cannot parse "
              + GoStrings.TimeQuote(valueElement) + " as " + GoStrings.TimeQuote(layoutElement)
            : "parsing time " + GoStrings.TimeQuote(value) + message;

    private static int DaysIn(int month, int year) =>
        month == 2 ? (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28)
        : month is 4 or 6 or 9 or 11 ? 30 : 31;

    /// <summary>Days since 1970-01-01 for a proleptic Gregorian date (year 0 allowed, as in Go).</summary>
    private static long DaysFromCivil(int year, int month, int day)
    {
        long y = month <= 2 ? year - 1 : year;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yearOfEra = y - era * 400;
        var dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097 + dayOfEra - 719468;
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!IsDigit(c))
                return false;
        }
        return true;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsCommaOrPeriod(char c) => c is '.' or ',';
}
