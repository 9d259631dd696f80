using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Berth.Cli.Formatting.Templates;

/// <summary>
/// A string-to-string dictionary seen as template data: Go's map[string]string (labels, options),
/// whose missing entries index to "" rather than to no value.
/// </summary>
internal sealed class StringMap(IReadOnlyDictionary<string, string> inner) : IReadOnlyDictionary<string, object?>
{
    public object? this[string key] => inner[key];

    public IEnumerable<string> Keys => inner.Keys;

    public IEnumerable<object?> Values => inner.Values;

    public int Count => inner.Count;

    public bool ContainsKey(string key) => inner.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var found = inner.TryGetValue(key, out var text);
        value = text;
        return found;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() =>
        inner.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
