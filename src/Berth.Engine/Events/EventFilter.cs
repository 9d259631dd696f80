using Berth.Engine.Errors;

namespace Berth.Engine.Events;

/// <summary>
/// `events --filter`: type, event, container, image, label. Values of one key are alternatives,
/// different keys must all match (Docker's rule). container/image match the ID, a prefix of it, or the name.
/// </summary>
public sealed class EventFilter
{
    private static readonly string[] Keys = ["type", "event", "container", "image", "label"];
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _filters;

    public EventFilter(IReadOnlyDictionary<string, IReadOnlyList<string>> filters)
    {
        foreach (var key in filters.Keys)
            if (!Keys.Contains(key)) throw BerthException.Invalid($"invalid filter '{key}'");
        _filters = filters;
    }

    public bool Matches(EngineEvent e) =>
        Any("type", v => v == e.Type)
        && Any("event", v => v == e.Action || (e.Action.StartsWith(v + ":", StringComparison.Ordinal)))
        && (!_filters.ContainsKey("container") || (e.Type == "container" && Any("container", v => ActorMatches(e, v))))
        && Any("image", v => e.Type == "image" ? ActorMatches(e, v) : Attr(e, "image") == v)
        && Any("label", v => LabelMatches(e, v));

    private bool Any(string key, Func<string, bool> match) =>
        !_filters.TryGetValue(key, out var values) || values.Count == 0 || values.Any(match);

    private static string? Attr(EngineEvent e, string key) => e.Attributes.TryGetValue(key, out var v) ? v : null;

    private static bool ActorMatches(EngineEvent e, string value) =>
        e.ActorId == value
        || (value.Length > 0 && e.ActorId.StartsWith(value, StringComparison.Ordinal))
        || (e.ActorId.StartsWith("sha256:", StringComparison.Ordinal) && e.ActorId[7..].StartsWith(value, StringComparison.Ordinal) && value.Length > 0)
        || Attr(e, "name") == value;

    private static bool LabelMatches(EngineEvent e, string filter)
    {
        var eq = filter.IndexOf('=');
        return eq < 0 ? e.Attributes.ContainsKey(filter) : Attr(e, filter[..eq]) == filter[(eq + 1)..];
    }
}
