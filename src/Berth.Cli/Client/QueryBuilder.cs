namespace Berth.Cli.Client;

/// <summary>Collects query parameters in order, skipping the ones a command left unset.</summary>
internal sealed class QueryBuilder
{
    private readonly List<KeyValuePair<string, string>> _items = [];

    public QueryBuilder Add(string key, string value)
    {
        _items.Add(new(key, value));
        return this;
    }

    public QueryBuilder AddIf(bool condition, string key, string value) => condition ? Add(key, value) : this;

    public QueryBuilder AddIfNotEmpty(string key, string? value) =>
        string.IsNullOrEmpty(value) ? this : Add(key, value);

    /// <summary>Docker sends booleans as "1"/"0"; the daemon also accepts "true".</summary>
    public QueryBuilder Flag(string key, bool value) => Add(key, value ? "1" : "0");

    public QueryBuilder FlagIfSet(string key, bool value) => value ? Add(key, "1") : this;

    public IReadOnlyList<KeyValuePair<string, string>> Build() => _items.ToArray();
}
