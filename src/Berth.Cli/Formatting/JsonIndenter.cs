using System.Text;
using System.Text.Json;

namespace Berth.Cli.Formatting;

/// <summary>
/// Prints inspect results the way docker does (Go's json.MarshalIndent with four spaces): the
/// daemon's JSON is re-indented token by token, keeping its field order, number text and every
/// field Berth has no model for; '&lt;', '&gt;' and '&amp;' are written as \u003c, \u003e, \u0026
/// as Go escapes them, and empty objects and arrays stay "{}" and "[]".
/// </summary>
internal static class JsonIndenter
{
    private const string Indent = "    ";

    /// <summary>A JSON array of the given JSON documents, indented, without a trailing newline.</summary>
    public static string IndentArray(IReadOnlyList<byte[]> elements)
    {
        if (elements.Count == 0) return "[]";
        var sb = new StringBuilder("[\n");
        for (var i = 0; i < elements.Count; i++)
        {
            sb.Append(Indent);
            Write(sb, elements[i], 1);
            if (i < elements.Count - 1) sb.Append(',');
            sb.Append('\n');
        }
        return sb.Append(']').ToString();
    }

    /// <summary>One JSON document, indented, starting at the given depth.</summary>
    public static string IndentOne(byte[] json, int depth = 0)
    {
        var sb = new StringBuilder();
        Write(sb, json, depth);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, byte[] json, int depth)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        // For each open container: has it written an element yet?
        var hasItems = new Stack<bool>();
        var afterName = false;
        while (reader.Read())
        {
            var token = reader.TokenType;
            if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                var had = hasItems.Pop();
                depth--;
                if (had) NewLine(sb, depth);
                sb.Append(token == JsonTokenType.EndObject ? '}' : ']');
                continue;
            }
            if (!afterName && hasItems.Count > 0)
            {
                // A new element (or property name) inside a container: separator, then new line.
                if (hasItems.Peek()) sb.Append(',');
                hasItems.Pop();
                hasItems.Push(true);
                NewLine(sb, depth);
            }
            afterName = false;
            switch (token)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    sb.Append(token == JsonTokenType.StartObject ? '{' : '[');
                    hasItems.Push(false);
                    depth++;
                    break;
                case JsonTokenType.PropertyName:
                    AppendString(sb, reader.GetString()!);
                    sb.Append(": ");
                    afterName = true;
                    break;
                case JsonTokenType.String:
                    AppendString(sb, reader.GetString()!);
                    break;
                default: // numbers and literals keep their original text
                    sb.Append(Encoding.UTF8.GetString(reader.ValueSpan));
                    break;
            }
        }
    }

    private static void NewLine(StringBuilder sb, int depth)
    {
        sb.Append('\n');
        for (var i = 0; i < depth; i++) sb.Append(Indent);
    }

    /// <summary>Go's JSON string escaping with HTML escaping off.</summary>
    private static void AppendString(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\u2028': sb.Append("\\u2028"); break;
                case '\u2029': sb.Append("\\u2029"); break;
                default:
                    if (ch < 0x20) sb.Append("\\u00").Append(((int)ch).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                    else sb.Append(ch);
                    break;
            }
        }
        sb.Append('"');
    }
}
