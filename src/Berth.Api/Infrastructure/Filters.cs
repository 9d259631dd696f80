using System.Text.Json;
using System.Text.RegularExpressions;
using Berth.Engine.Errors;

namespace Berth.Api.Infrastructure;

/// <summary>
/// Docker's `filters` query parameter: JSON {"key": ["v1","v2"]} or the older {"key": {"v1": true}}.
/// </summary>
public sealed class Filters
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public static Filters Parse(string? json)
    {
        var filters = new Filters();
        if (string.IsNullOrWhiteSpace(json)) return filters;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw BerthException.Invalid("invalid filter: expected a JSON object");
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                var list = new List<string>();
                if (prop.Value.ValueKind == JsonValueKind.Array) list.AddRange(prop.Value.EnumerateArray().Select(v => v.GetString() ?? ""));
                else if (prop.Value.ValueKind == JsonValueKind.Object)
                    list.AddRange(prop.Value.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.True).Select(p => p.Name));
                filters._values[prop.Name] = list;
            }
        }
        catch (JsonException e)
        {
            throw BerthException.Invalid($"invalid filter: {e.Message}");
        }
        return filters;
    }

    public IEnumerable<string> Keys => _values.Keys;

    public IReadOnlyList<string> Get(string key) => _values.TryGetValue(key, out var v) ? v : [];

    public bool Has(string key) => _values.ContainsKey(key);

    /// <summary>Go's filters.ExactMatch: true when the key is absent or one of its values equals <paramref name="source"/>.</summary>
    public bool ExactMatch(string key, string source) =>
        !_values.TryGetValue(key, out var values) || values.Count == 0 || values.Contains(source);

    /// <summary>
    /// Go's filters.Match: an exact value, or a value that as a regular expression matches somewhere
    /// in <paramref name="source"/> ("net" finds "my-network"); values that are not valid patterns are skipped.
    /// </summary>
    public bool Match(string key, string source)
    {
        if (ExactMatch(key, source)) return true;
        foreach (var pattern in Get(key))
        {
            try
            {
                if (Regex.IsMatch(source, pattern, RegexOptions.None, TimeSpan.FromSeconds(1))) return true;
            }
            catch (ArgumentException) { }
            catch (RegexMatchTimeoutException) { }
        }
        return false;
    }

    public void Validate(params string[] allowed)
    {
        foreach (var key in _values.Keys)
            if (!allowed.Contains(key)) throw BerthException.Invalid($"invalid filter '{key}'");
    }
}
