using System.Text;
using Berth.Protocol.Formatting;

namespace Berth.Cli.Formatting.Templates;

/// <summary>Go text/template's predefined functions, with Go's results and error texts.</summary>
internal static class BuiltinFunctions
{
    public static IEnumerable<TemplateFunction> All()
    {
        ParamKind[] value = [ParamKind.Value];
        ParamKind[] twoValues = [ParamKind.Value, ParamKind.Value];
        yield return new("and", value, ParamKind.Value, _ => null);
        yield return new("or", value, ParamKind.Value, _ => null);
        yield return new("not", value, null, a => !TemplateValues.IsTrue(IndirectInterface(a[0])));
        yield return new("len", value, null, a => (long)Length(a[0]));
        yield return new("index", value, ParamKind.Value, a => Index(a[0], a.Skip(1).ToArray()));
        yield return new("slice", value, ParamKind.Value, a => Slice(a[0], a.Skip(1).ToArray()));
        yield return new("call", value, ParamKind.Value, a => Call(a[0], a.Skip(1).ToArray()));
        yield return new("print", [], ParamKind.Any, a => GoFmt.Sprint(a));
        yield return new("println", [], ParamKind.Any, a => GoFmt.Sprintln(a));
        yield return new("printf", [ParamKind.String], ParamKind.Any, a => GoFmt.Sprintf((string)a[0]!, a.Skip(1).ToArray()));
        yield return new("html", [], ParamKind.Any, a => HtmlEscape(EvalArgs(a)));
        yield return new("js", [], ParamKind.Any, a => JsEscape(EvalArgs(a)));
        yield return new("urlquery", [], ParamKind.Any, a => QueryEscape(EvalArgs(a)));
        yield return new("eq", value, ParamKind.Value, a => GoComparisons.Equal(a[0], a.Skip(1).ToArray()));
        yield return new("ne", twoValues, null, a => !GoComparisons.Equal(a[0], [a[1]]));
        yield return new("lt", twoValues, null, a => GoComparisons.Less(a[0], a[1]));
        yield return new("le", twoValues, null, a => GoComparisons.LessOrEqual(a[0], a[1]));
        yield return new("gt", twoValues, null, a => !GoComparisons.LessOrEqual(a[0], a[1]));
        yield return new("ge", twoValues, null, a => !GoComparisons.Less(a[0], a[1]));
    }

    /// <summary>A nil interface{} held in a map or list reads as "no value".</summary>
    public static object? IndirectInterface(object? value) => ReferenceEquals(value, GoNil.Interface) ? null : value;

    private static int Length(object? item)
    {
        if (item is GoNil)
            throw new TemplateCallException("len of nil pointer");
        if (item is null)
            throw new TemplateCallException("reflect: call of reflect.Value.Type on zero Value");
        if (item is string || TemplateValues.IsMap(item) || TemplateValues.IsList(item))
            return TemplateValues.Count(item);
        throw new TemplateCallException("len of type " + TemplateValues.TypeName(item));
    }

    private static object? Index(object? value, object?[] indexes)
    {
        object item = IndirectInterface(value) ?? throw new TemplateCallException("index of untyped nil");
        foreach (var raw in indexes)
        {
            var index = IndirectInterface(raw);
            if (item is GoNil)
                throw new TemplateCallException("index of nil pointer");
            if (item is string text)
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                var x = IndexArgument(index, bytes.Length);
                if (x == bytes.Length)
                    throw new TemplateCallException("reflect: string index out of range");
                item = (long)bytes[x];
            }
            else if (TemplateValues.IsList(item))
            {
                var items = TemplateValues.Items(item);
                var x = IndexArgument(index, items.Count);
                if (x == items.Count)
                    throw new TemplateCallException("reflect: slice index out of range");
                item = items[x] ?? GoNil.Interface;
            }
            else if (TemplateValues.IsMap(item))
            {
                var key = index switch
                {
                    null => "",
                    string s => s,
                    _ => throw new TemplateCallException($"value has type {TemplateValues.TypeName(index)}; should be string"),
                };
                item = (TemplateValues.TryGetEntry(item, key, out var found) ? found : MissingEntry(item)) ?? GoNil.Interface;
            }
            else
            {
                throw new TemplateCallException("can't index item of type " + TemplateValues.TypeName(item));
            }
        }
        return item;
    }

    /// <summary>
    /// index of a missing key yields the map's zero element: nil for interface maps, "" for the
    /// string maps (labels, options) that JSON objects of strings stand for.
    /// </summary>
    private static object? MissingEntry(object map)
    {
        if (map is StringMap)
            return "";
        if (map is IReadOnlyDictionary<string, object?>)
            return GoNil.Interface;
        return TemplateValues.Entries(map).All(e => e.Value is string) ? "" : GoNil.Interface;
    }

    private static int IndexArgument(object? index, int cap)
    {
        var x = index switch
        {
            long l => l,
            null => throw new TemplateCallException("cannot index slice/array with nil"),
            _ => throw new TemplateCallException("cannot index slice/array with type " + TemplateValues.TypeName(index)),
        };
        if (x < 0 || x > cap)
            throw new TemplateCallException($"index out of range: {x}");
        return (int)x;
    }

    private static object? Slice(object? item, object?[] indexes)
    {
        item = IndirectInterface(item);
        if (item is null)
            throw new TemplateCallException("slice of untyped nil");
        if (indexes.Length > 3)
            throw new TemplateCallException($"too many slice indexes: {indexes.Length}");
        byte[]? bytes = null;
        List<object?>? items = null;
        int cap;
        if (item is string text)
        {
            if (indexes.Length == 3)
                throw new TemplateCallException("cannot 3-index slice a string");
            bytes = Encoding.UTF8.GetBytes(text);
            cap = bytes.Length;
        }
        else if (TemplateValues.IsList(item))
        {
            items = TemplateValues.Items(item);
            cap = items.Count;
        }
        else
        {
            throw new TemplateCallException("can't slice item of type " + TemplateValues.TypeName(item));
        }
        int[] idx = [0, cap, 0];
        for (var i = 0; i < indexes.Length; i++)
            idx[i] = IndexArgument(IndirectInterface(indexes[i]), cap);
        if (idx[0] > idx[1])
            throw new TemplateCallException($"invalid slice index: {idx[0]} > {idx[1]}");
        if (indexes.Length == 3 && idx[1] > idx[2])
            throw new TemplateCallException($"invalid slice index: {idx[1]} > {idx[2]}");
        if (bytes is not null)
            return Encoding.UTF8.GetString(bytes, idx[0], idx[1] - idx[0]);
        return items!.GetRange(idx[0], idx[1] - idx[0]);
    }

    private static object? Call(object? function, object?[] args)
    {
        function = IndirectInterface(function);
        if (function is null)
            throw new TemplateCallException("call of nil");
        if (function is not TemplateMethod method)
            throw new TemplateCallException($"non-function {GoFmt.Format(function)} of type {TemplateValues.TypeName(function)}");
        try
        {
            return method(args.Select(IndirectInterface).ToArray());
        }
        catch (Exception ex) when (ex is not TemplateCallException and not GoTemplateException)
        {
            throw new TemplateCallException(ex.Message);
        }
    }

    /// <summary>The text html/js/urlquery escape: the lone string argument, or fmt.Sprint of them all.</summary>
    private static string EvalArgs(object?[] args) =>
        args is [string single] ? single : GoFmt.Sprint(args);

    private static string HtmlEscape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '\0' => "\uFFFD",
                '"' => "&#34;",
                '\'' => "&#39;",
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    private static string JsEscape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var r = rune.Value;
            switch (r)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\'': sb.Append("\\'"); break;
                case '"': sb.Append("\\\""); break;
                case '<': sb.Append("\\u003C"); break;
                case '>': sb.Append("\\u003E"); break;
                case '&': sb.Append("\\u0026"); break;
                case '=': sb.Append("\\u003D"); break;
                default:
                    if (r < ' ')
                        sb.Append("\\u00").Append(r.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                    else if (r < 0x80 || GoStrings.IsPrint(rune))
                        sb.Append(rune.ToString());
                    else
                        sb.Append("\\u").Append(r.ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>url.QueryEscape: unreserved bytes kept, space as '+', everything else %XX.</summary>
    private static string QueryEscape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~')
                sb.Append(c);
            else if (c == ' ')
                sb.Append('+');
            else
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
