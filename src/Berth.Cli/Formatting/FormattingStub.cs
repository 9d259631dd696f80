// PLACEHOLDER ONLY: stands in for the teammates' GoTemplate, FormatWriter and HumanUnits so that
// the cli branch compiles and can be tried by hand. Delete this file when merging their work.
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Berth.Cli.Formatting
{
    /// <summary>A template method such as ps's .Label "key".</summary>
    public delegate object? TemplateMethod(IReadOnlyList<object?> args);

    /// <summary>Placeholder Go template: literal text, {{.A.B}}, {{.M "arg"}} and {{json .X}} only.</summary>
    public sealed class GoTemplate
    {
        private readonly string _text;
        private GoTemplate(string text) => _text = text;

        public static GoTemplate Parse(string text) => new(text);

        public string Execute(object? data)
        {
            var sb = new StringBuilder();
            var pos = 0;
            while (pos < _text.Length)
            {
                var open = _text.IndexOf("{{", pos, StringComparison.Ordinal);
                if (open < 0) { sb.Append(_text, pos, _text.Length - pos); break; }
                sb.Append(_text, pos, open - pos);
                var close = _text.IndexOf("}}", open, StringComparison.Ordinal);
                if (close < 0) throw new FormatException("template: unclosed action");
                sb.Append(Render(Eval(_text[(open + 2)..close].Trim(), data)));
                pos = close + 2;
            }
            return sb.ToString();
        }

        private static object? Eval(string action, object? data)
        {
            if (action.StartsWith("json ", StringComparison.Ordinal))
                return Json(Eval(action[5..].Trim(), data));
            var parts = action.Split(' ', 2);
            var value = Path(parts[0], data);
            if (value is TemplateMethod m)
                return m(parts.Length > 1 ? [parts[1].Trim().Trim('"')] : []);
            return value;
        }

        private static object? Path(string path, object? data)
        {
            if (path == ".") return data;
            var current = data;
            foreach (var name in path.TrimStart('.').Split('.'))
            {
                current = current switch
                {
                    IReadOnlyDictionary<string, object?> d => d.TryGetValue(name, out var v) ? v : null,
                    JsonElement { ValueKind: JsonValueKind.Object } e => e.TryGetProperty(name, out var p) ? p : null,
                    _ => null,
                };
            }
            return current;
        }

        private static string Json(object? value)
        {
            switch (value)
            {
                case JsonElement e: return e.GetRawText();
                case string s: return "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\t", "\\t") + "\"";
                case IReadOnlyDictionary<string, object?> d:
                    var parts = d.Where(kv => kv.Value is not TemplateMethod).OrderBy(kv => kv.Key, StringComparer.Ordinal)
                        .Select(kv => Json(kv.Key) + ":" + Json(kv.Value));
                    return "{" + string.Join(",", parts) + "}";
                case null: return "null";
                default: return Json(Convert.ToString(value, CultureInfo.InvariantCulture));
            }
        }

        private static string Render(object? value) => value switch
        {
            null => "<no value>",
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? "",
            JsonElement e => e.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? "map[...]" : e.GetRawText(),
            bool b => b ? "true" : "false",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
    }

    /// <summary>Placeholder for docker's formatter: "table" prefix, "json", \t escapes, column alignment.</summary>
    public static class FormatWriter
    {
        public static void Write(TextWriter output, string format, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows,
            IReadOnlyDictionary<string, string> headers)
        {
            var table = format.StartsWith("table", StringComparison.Ordinal);
            var body = format == "json" ? "{{json .}}" : table ? format[5..] : format;
            body = body.Trim(' ').Replace("\\t", "\t").Replace("\\n", "\n");
            var template = GoTemplate.Parse(body);
            var lines = new List<string>();
            if (table)
            {
                var headerRow = headers.ToDictionary(kv => kv.Key, kv => (object?)kv.Value);
                lines.Add(template.Execute(headerRow));
            }
            foreach (var row in rows) lines.Add(template.Execute(row));
            if (!table)
            {
                foreach (var line in lines) output.Write(line + "\n");
                return;
            }
            var cells = lines.Select(l => l.Split('\t')).ToList();
            var widths = new List<int>();
            foreach (var c in cells)
                for (var i = 0; i < c.Length - 1; i++)
                {
                    if (widths.Count <= i) widths.Add(0);
                    widths[i] = Math.Max(widths[i], Math.Max(10, c[i].Length + 3));
                }
            foreach (var c in cells)
            {
                var sb = new StringBuilder();
                for (var i = 0; i < c.Length; i++)
                    sb.Append(i < c.Length - 1 ? c[i].PadRight(widths[i]) : c[i]);
                output.Write(sb.ToString() + "\n");
            }
        }
    }
}

namespace Berth.Protocol.Formatting
{
    /// <summary>Placeholder for go-units' HumanDuration and HumanSize.</summary>
    public static class HumanUnits
    {
        public static string HumanDuration(TimeSpan d)
        {
            var seconds = (long)d.TotalSeconds;
            if (seconds < 1) return "Less than a second";
            if (seconds == 1) return "1 second";
            if (seconds < 60) return $"{seconds} seconds";
            var minutes = (long)d.TotalMinutes;
            if (minutes == 1) return "About a minute";
            if (minutes < 60) return $"{minutes} minutes";
            var hours = (long)Math.Round(d.TotalHours);
            if (hours == 1) return "About an hour";
            if (hours < 48) return $"{hours} hours";
            if (hours < 24 * 7 * 2) return $"{hours / 24} days";
            if (hours < 24 * 30 * 2) return $"{hours / 24 / 7} weeks";
            if (hours < 24 * 365 * 2) return $"{hours / 24 / 30} months";
            return $"{hours / 24 / 365} years";
        }

        public static string HumanSize(long size)
        {
            string[] units = ["B", "kB", "MB", "GB", "TB", "PB"];
            double s = size;
            var i = 0;
            while (s >= 1000 && i < units.Length - 1) { s /= 1000; i++; }
            return s.ToString("G4", CultureInfo.InvariantCulture) + units[i];
        }
    }
}
