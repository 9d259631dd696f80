using System.Globalization;
using System.Text;

namespace Berth.Cli.Formatting;

/// <summary>Small text helpers shared by the listings, matching docker's output byte for byte.</summary>
internal static class DisplayText
{
    /// <summary>The 12-hex-char short ID docker shows: "sha256:" (or any algorithm prefix) dropped.</summary>
    public static string TruncateId(string id)
    {
        var colon = id.IndexOf(':');
        if (colon >= 0) id = id[(colon + 1)..];
        return id.Length > 12 ? id[..12] : id;
    }

    /// <summary>Cuts text to at most <paramref name="width"/> characters, the last being "…".</summary>
    public static string Ellipsis(string text, int width)
    {
        if (width <= 0) return "";
        var runes = text.EnumerateRunes().ToArray();
        if (width == 1) return runes.Length == 0 ? "" : runes[0].ToString();
        var total = 0;
        foreach (var r in runes) total += RuneWidth(r);
        if (total <= width) return text;
        var sb = new StringBuilder();
        var used = 0;
        foreach (var r in runes)
        {
            var w = RuneWidth(r);
            if (used + w > width - 1) break;
            sb.Append(r.ToString());
            used += w;
        }
        return sb.Append('…').ToString();
    }

    /// <summary>East Asian wide and full-width characters take two terminal columns.</summary>
    private static int RuneWidth(Rune r)
    {
        var v = r.Value;
        return v is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3
            or >= 0xF900 and <= 0xFAFF or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60
            or >= 0xFFE0 and <= 0xFFE6 or >= 0x1F300 and <= 0x1F64F or >= 0x20000 and <= 0x3FFFD
            ? 2 : 1;
    }

    /// <summary>Go's strconv.Quote: double quotes, with backslash escapes for quotes and control characters.</summary>
    public static string GoQuote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var r in text.EnumerateRunes())
        {
            switch (r.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (r.Value < 0x20 || r.Value == 0x7F) sb.Append("\\x").Append(r.Value.ToString("x2", CultureInfo.InvariantCulture));
                    else if (r.Value == 0xFFFD) sb.Append("\\ufffd");
                    else if (Rune.GetUnicodeCategory(r) is UnicodeCategory.Control or UnicodeCategory.Format
                             or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                        sb.Append(r.Value > 0xFFFF ? $"\\U{r.Value:x8}" : $"\\u{r.Value:x4}");
                    else sb.Append(r.ToString());
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>
    /// go-units' HumanSizeWithPrecision(size, 3), used by docker's tables ("1.98MB"): decimal
    /// units and Go's %.3g, including its exponent form for values that round up to 1000.
    /// </summary>
    public static string CompactSize(double size)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
        var i = 0;
        while (size >= 1000 && i < units.Length - 1)
        {
            size /= 1000;
            i++;
        }
        return GoG3(size) + units[i];
    }

    private static string GoG3(double value)
    {
        var text = value.ToString("G3", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E');
        if (e < 0) return text;
        // .NET writes "1E+03"; Go writes "1e+03" (at least two exponent digits).
        var mantissa = text[..e];
        var sign = text[e + 1];
        var digits = text[(e + 2)..].TrimStart('0').PadLeft(2, '0');
        return mantissa + "e" + sign + digits;
    }
}
