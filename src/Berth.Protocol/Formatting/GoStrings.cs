using System.Globalization;
using System.Text;

namespace Berth.Protocol.Formatting;

/// <summary>
/// Go's string quoting rules. Docker's error texts embed values quoted by Go (strconv.Quote, and the
/// time package's own cruder quote), so reproducing them byte for byte needs Go's definitions.
/// </summary>
public static class GoStrings
{
    /// <summary>strconv.Quote: a double-quoted Go literal; printable runes kept, others escaped.</summary>
    public static string Quote(string value) => Quote(value, asciiOnly: false);

    /// <summary>strconv.QuoteToASCII: like <see cref="Quote(string)"/> but escapes every non-ASCII rune.</summary>
    public static string QuoteToAscii(string value) => Quote(value, asciiOnly: true);

    private static string Quote(string value, bool asciiOnly)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (var rune in value.EnumerateRunes())
            AppendEscapedRune(sb, rune, '"', asciiOnly);
        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>strconv.QuoteRune: a single-quoted Go character literal.</summary>
    public static string QuoteRune(int codePoint)
    {
        var sb = new StringBuilder(8);
        sb.Append('\'');
        var rune = Rune.IsValid(codePoint) ? new Rune(codePoint) : Rune.ReplacementChar;
        AppendEscapedRune(sb, rune, '\'', asciiOnly: false);
        sb.Append('\'');
        return sb.ToString();
    }

    /// <summary>Appends one rune the way strconv escapes it inside a literal delimited by <paramref name="quote"/>.</summary>
    public static void AppendEscapedRune(StringBuilder sb, Rune rune, char quote, bool asciiOnly)
    {
        var r = rune.Value;
        if (r == quote || r == '\\')
        {
            sb.Append('\\').Append((char)r);
            return;
        }
        if (asciiOnly ? r < 0x80 && IsPrint(rune) : IsPrint(rune))
        {
            sb.Append(rune.ToString());
            return;
        }
        switch (r)
        {
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
        }
        if (r < ' ' || r == 0x7f)
            sb.Append("\\x").Append(r.ToString("x2", CultureInfo.InvariantCulture));
        else if (r < 0x10000)
            sb.Append("\\u").Append(r.ToString("x4", CultureInfo.InvariantCulture));
        else
            sb.Append("\\U").Append(r.ToString("x8", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    /// Other spaces, controls, format characters and unassigned code points are not printable.
    /// </summary>
    public static bool IsPrint(Rune rune)
    {
        if (rune.Value == ' ')
            return true;
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.SpaceSeparator:
            case UnicodeCategory.LineSeparator:
            case UnicodeCategory.ParagraphSeparator:
            case UnicodeCategory.Control:
            case UnicodeCategory.Format:
            case UnicodeCategory.Surrogate:
            case UnicodeCategory.PrivateUse:
            case UnicodeCategory.OtherNotAssigned:
                return false;
            default:
                return true;
        }
    }

    /// <summary>
    /// The time package's quote (used in ParseDuration and time.Parse errors): ASCII printable bytes as-is
    /// with '"' and '\' escaped; every byte of a non-ASCII or control rune as \xNN.
    /// </summary>
    public static string TimeQuote(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.Value >= 0x80 || rune.Value < ' ')
            {
                var n = rune.EncodeToUtf8(bytes);
                for (var i = 0; i < n; i++)
                    sb.Append("\\x").Append(bytes[i].ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                if (rune.Value == '"' || rune.Value == '\\')
                    sb.Append('\\');
                sb.Append((char)rune.Value);
            }
        }
        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>Go's %#U rendering ("U+0021 '!'"), used in template lexer errors.</summary>
    public static string FormatUnicode(int codePoint, bool withCharacter)
    {
        var text = "U+" + codePoint.ToString("X4", CultureInfo.InvariantCulture);
        if (withCharacter && Rune.IsValid(codePoint) && IsPrint(new Rune(codePoint)))
            text += " '" + new Rune(codePoint) + "'";
        return text;
    }

    /// <summary>Number of bytes <paramref name="value"/> takes in UTF-8 (Go's len(string)).</summary>
    public static int Utf8Length(string value) => Encoding.UTF8.GetByteCount(value);
}
