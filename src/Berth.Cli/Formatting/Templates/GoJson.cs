using System.Globalization;
using System.Text;
using Berth.Protocol.Formatting;

namespace Berth.Cli.Formatting.Templates;

/// <summary>
/// encoding/json as Docker's {{json .}} uses it (HTML escaping off, compact). Dictionaries and JSON
/// objects keep their own order, standing for the structs Docker marshals in field order (string
/// maps are sorted like Go maps); a <see cref="FormatterRow"/> is marshalled as Docker marshals its
/// contexts: through a map, so sorted, and with json.Marshal's HTML escaping. Method entries are
/// skipped, as Docker's context marshaller only includes argument-less getters.
/// </summary>
internal static class GoJson
{
    /// <summary>The JSON text, or null when Go would fail (NaN or infinite numbers).</summary>
    public static string? Encode(object? value)
    {
        var sb = new StringBuilder();
        return Write(sb, TemplateValues.Normalize(value), escapeHtml: false) ? sb.ToString() : null;
    }

    private static bool Write(StringBuilder sb, object? value, bool escapeHtml)
    {
        switch (value)
        {
            case null or GoNil:
                sb.Append("null");
                return true;
            case bool b:
                sb.Append(b ? "true" : "false");
                return true;
            case long l:
                sb.Append(l.ToString(CultureInfo.InvariantCulture));
                return true;
            case double d:
                if (double.IsNaN(d) || double.IsInfinity(d))
                    return false;
                sb.Append(GoFloat.FormatJson(d));
                return true;
            case string s:
                WriteString(sb, s, escapeHtml);
                return true;
            case System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Number } number:
                sb.Append(number.GetRawText());
                return true;
        }
        if (TemplateValues.IsMap(value))
        {
            sb.Append('{');
            var first = true;
            // A string map is a Go map, which encoding/json writes in key order.
            var entries = value is StringMap or FormatterRow ? TemplateValues.SortedEntries(value) : TemplateValues.Entries(value);
            escapeHtml |= value is FormatterRow;
            foreach (var (key, item) in entries)
            {
                if (item is TemplateMethod)
                    continue;
                if (!first)
                    sb.Append(',');
                first = false;
                WriteString(sb, key, escapeHtml);
                sb.Append(':');
                if (!Write(sb, item, escapeHtml))
                    return false;
            }
            sb.Append('}');
            return true;
        }
        if (TemplateValues.IsList(value))
        {
            sb.Append('[');
            var items = TemplateValues.Items(value);
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0)
                    sb.Append(',');
                if (!Write(sb, items[i], escapeHtml))
                    return false;
            }
            sb.Append(']');
            return true;
        }
        if (value is TemplateMethod)
            return false; // json: unsupported type
        WriteString(sb, value.ToString() ?? "", escapeHtml);
        return true;
    }

    /// <summary>Go's string escaping; json.Marshal also escapes &lt;, &gt; and &amp; (SetEscapeHTML(true)).</summary>
    private static void WriteString(StringBuilder sb, string text, bool escapeHtml)
    {
        sb.Append('"');
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '<' or '>' or '&' when escapeHtml:
                    sb.Append("\\u00").Append(rune.Value.ToString("x2", CultureInfo.InvariantCulture));
                    break;
                case '\u2028': sb.Append("\\u2028"); break;
                case '\u2029': sb.Append("\\u2029"); break;
                case < 0x20:
                    sb.Append("\\u00").Append(rune.Value.ToString("x2", CultureInfo.InvariantCulture));
                    break;
                default:
                    sb.Append(rune.ToString());
                    break;
            }
        }
        sb.Append('"');
    }
}
