using System.Text;
using System.Text.Json;

namespace Berth.Cli.Options;

/// <summary>
/// Docker's --filter key=value flags, sent as the JSON "filters" query parameter in the form
/// {"status":{"exited":true}} (each key maps the set of its values to true), keys sorted as Go
/// marshals maps.
/// </summary>
internal sealed class FilterArgs
{
    private readonly SortedDictionary<string, SortedSet<string>> _filters = new(StringComparer.Ordinal);

    public int Count => _filters.Count;

    public static FilterArgs Parse(IEnumerable<string> flags)
    {
        var args = new FilterArgs();
        foreach (var flag in flags) args.AddFlag(flag);
        return args;
    }

    /// <summary>Adds one "key=value" flag; the key is trimmed and lower-cased, the value trimmed.</summary>
    public void AddFlag(string flag)
    {
        var eq = flag.IndexOf('=');
        if (eq < 0) throw new FormatException("bad format of filter (expected name=value)");
        Add(flag[..eq].Trim().ToLowerInvariant(), flag[(eq + 1)..].Trim());
    }

    public void Add(string key, string value)
    {
        if (!_filters.TryGetValue(key, out var values)) _filters[key] = values = new SortedSet<string>(StringComparer.Ordinal);
        values.Add(value);
    }

    public string ToJson()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            foreach (var (key, values) in _filters)
            {
                w.WriteStartObject(key);
                foreach (var v in values) w.WriteBoolean(v, true);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }
}
