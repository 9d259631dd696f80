using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Berth.Cli.Formatting.Templates;

/// <summary>
/// How template data looks to Go's rules. Values are normalised to string, bool, long (Go int),
/// double (float64), maps (IReadOnlyDictionary, JSON objects), lists (IReadOnlyList, JSON arrays),
/// <see cref="TemplateMethod"/>, <see cref="GoNil"/> or null (invalid/missing).
/// </summary>
internal static class TemplateValues
{
    /// <summary>Maps CLR and JSON values onto the template's value model.</summary>
    public static object? Normalize(object? value)
    {
        switch (value)
        {
            case null or string or bool or long or double or GoNil or TemplateMethod:
                return value;
            case int i: return (long)i;
            case short s: return (long)s;
            case sbyte sb: return (long)sb;
            case byte b: return (long)b;
            case ushort us: return (long)us;
            case uint ui: return (long)ui;
            case ulong ul: return ul <= long.MaxValue ? (object)(long)ul : (double)ul;
            case char c: return (long)c;
            case float f: return (double)f;
            case decimal m: return (double)m;
            case JsonElement element: return FromJson(element);
            case JsonNode node: return FromJsonNode(node);
            case IReadOnlyDictionary<string, object?>:
            case IReadOnlyList<object?>:
                return value;
            case IReadOnlyDictionary<string, string> strings:
                return new StringMap(strings);
            case IDictionary dictionary:
                var map = new Dictionary<string, object?>();
                foreach (DictionaryEntry entry in dictionary)
                    map[entry.Key.ToString() ?? ""] = entry.Value;
                return map;
            case IEnumerable sequence:
                var list = new List<object?>();
                foreach (var item in sequence)
                    list.Add(item);
                return list;
            default:
                return value;
        }
    }

    /// <summary>JSON scalars become CLR values; JSON null is a nil pointer; objects and arrays stay JSON.</summary>
    private static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? (object)l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => GoNil.Pointer,
        JsonValueKind.Object or JsonValueKind.Array => element,
        _ => null,
    };

    private static object? FromJsonNode(JsonNode node)
    {
        if (node is JsonObject or JsonArray)
            return node;
        var value = node.AsValue();
        if (value.TryGetValue<JsonElement>(out var element))
            return FromJson(element);
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return value.GetValue<string>();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                if (value.TryGetValue<long>(out var l))
                    return l;
                if (value.TryGetValue<int>(out var i))
                    return (long)i;
                if (value.TryGetValue<double>(out var d))
                    return d;
                return FromJson(JsonDocument.Parse(value.ToJsonString()).RootElement.Clone());
            default:
                return GoNil.Pointer;
        }
    }

    public static bool IsMap(object? value) =>
        value is IReadOnlyDictionary<string, object?> or JsonObject || value is JsonElement { ValueKind: JsonValueKind.Object };

    public static bool IsList(object? value) =>
        value is IReadOnlyList<object?> or JsonArray || value is JsonElement { ValueKind: JsonValueKind.Array };

    /// <summary>Looks a key up in a map; a present null is a <see cref="GoNil"/>, a missing key is not found.</summary>
    public static bool TryGetEntry(object map, string key, out object? value)
    {
        value = null;
        switch (map)
        {
            case IReadOnlyDictionary<string, object?> dictionary:
                if (!dictionary.TryGetValue(key, out var raw))
                    return false;
                value = raw is null ? GoNil.Interface : Normalize(raw);
                return true;
            case JsonObject jsonObject:
                if (!jsonObject.TryGetPropertyValue(key, out var node))
                    return false;
                value = node is null ? GoNil.Pointer : Normalize(node);
                return true;
            case JsonElement { ValueKind: JsonValueKind.Object } element:
                if (!element.TryGetProperty(key, out var property))
                    return false;
                value = Normalize(property);
                return true;
        }
        return false;
    }

    /// <summary>Entries in key order (Go sorts map keys when printing and ranging).</summary>
    public static List<KeyValuePair<string, object?>> SortedEntries(object map)
    {
        var entries = Entries(map).ToList();
        entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return entries;
    }

    /// <summary>Entries in their own order (insertion order for dictionaries, document order for JSON).</summary>
    public static IEnumerable<KeyValuePair<string, object?>> Entries(object map)
    {
        switch (map)
        {
            case IReadOnlyDictionary<string, object?> dictionary:
                foreach (var pair in dictionary)
                    yield return new(pair.Key, pair.Value is null ? GoNil.Interface : Normalize(pair.Value));
                break;
            case JsonObject jsonObject:
                foreach (var pair in jsonObject)
                    yield return new(pair.Key, pair.Value is null ? GoNil.Pointer : Normalize(pair.Value));
                break;
            case JsonElement element:
                foreach (var property in element.EnumerateObject())
                    yield return new(property.Name, Normalize(property.Value));
                break;
        }
    }

    /// <summary>The elements of a list, normalised (null elements are nil interfaces).</summary>
    public static List<object?> Items(object list) => list switch
    {
        IReadOnlyList<object?> items => items.Select(i => i is null ? GoNil.Interface : Normalize(i)).ToList(),
        JsonArray array => array.Select(n => n is null ? GoNil.Pointer : Normalize(n)).ToList(),
        JsonElement element => element.EnumerateArray().Select(e => Normalize(e)).ToList(),
        _ => [],
    };

    /// <summary>len() of a map, list or string (strings count UTF-8 bytes, as in Go).</summary>
    public static int Count(object value) => value switch
    {
        string s => Protocol.Formatting.GoStrings.Utf8Length(s),
        IReadOnlyDictionary<string, object?> d => d.Count,
        IReadOnlyList<object?> l => l.Count,
        JsonObject o => o.Count,
        JsonArray a => a.Count,
        JsonElement { ValueKind: JsonValueKind.Object } e => e.EnumerateObject().Count(),
        JsonElement { ValueKind: JsonValueKind.Array } e => e.GetArrayLength(),
        _ => 0,
    };

    /// <summary>Go's truth: false, 0, nil, and empty strings, maps and lists are false.</summary>
    public static bool IsTrue(object? value) => value switch
    {
        null or GoNil => false,
        bool b => b,
        string s => s.Length > 0,
        long l => l != 0,
        double d => d != 0,
        _ when IsMap(value) || IsList(value) => Count(value) > 0,
        _ => true,
    };

    /// <summary>A list whose elements are all strings reads as Go's []string.</summary>
    public static bool IsStringList(object value) => IsList(value) && Items(value).All(i => i is string);

    /// <summary>The Go type name Docker's messages would show for the value.</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "<nil>",
        GoNil => "interface {}",
        string => "string",
        bool => "bool",
        long => "int",
        double => "float64",
        TemplateMethod => "func(...interface {}) interface {}",
        IReadOnlyList<string> => "[]string",
        StringMap => "map[string]string",
        _ when IsMap(value) => "map[string]interface {}",
        _ when IsList(value) => "[]interface {}",
        _ => "interface {}",
    };
}
