using System.Globalization;
using Berth.Engine.Errors;
using Berth.Protocol.Formatting;

namespace Berth.Engine.Containers;

/// <summary>`container prune`: remove every stopped container matching until / label / label! filters.</summary>
public sealed partial class ContainerService
{
    public async Task<(List<string> Deleted, long SpaceReclaimed)> PruneAsync(IReadOnlyDictionary<string, IReadOnlyList<string>> filters, CancellationToken ct)
    {
        foreach (var key in filters.Keys)
            if (key is not ("until" or "label" or "label!")) throw BerthException.Invalid($"invalid filter '{key}'");
        var until = filters.TryGetValue("until", out var u) && u.Count > 0 ? ParsePruneUntil(u[^1]) : (DateTimeOffset?)null;
        var labels = filters.TryGetValue("label", out var l) ? l : [];
        var notLabels = filters.TryGetValue("label!", out var nl) ? nl : [];
        var deleted = new List<string>();
        long space = 0;
        foreach (var c in _store.List())
        {
            if (c.State.Status is not (ContainerStatus.Created or ContainerStatus.Exited or ContainerStatus.Dead)) continue;
            if (until is { } end && c.Created >= end) continue;
            if (!labels.All(f => HasLabel(c, f)) || notLabels.Any(f => HasLabel(c, f))) continue;
            var size = DirectorySize(PathsOf(c).Upper);
            try
            {
                await RemoveAsync(c, force: false, ct).ConfigureAwait(false);
            }
            catch (BerthException e)
            {
                Console.Error.WriteLine($"berthd: prune: {e.Message}");
                continue;
            }
            deleted.Add(c.Id);
            space += size;
        }
        Events.Publish("container", "prune", "", new Dictionary<string, string> { ["reclaimed"] = space.ToString(CultureInfo.InvariantCulture) });
        return (deleted, space);
    }

    private static bool HasLabel(Container c, string filter)
    {
        var labels = c.Config.Labels ?? [];
        var eq = filter.IndexOf('=');
        return eq < 0 ? labels.ContainsKey(filter) : labels.TryGetValue(filter[..eq], out var v) && v == filter[(eq + 1)..];
    }

    /// <summary>Docker's prune `until`: a Unix timestamp, an RFC 3339 time, or a Go duration back from now.</summary>
    private static DateTimeOffset ParsePruneUntil(string value)
    {
        if (decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            return DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return time;
        try { return DateTimeOffset.UtcNow - HumanUnits.ParseGoDuration(value); }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException) { throw BerthException.Invalid($"failed to parse value of filter (until): {value}"); }
    }

    private static long DirectorySize(string dir)
    {
        if (!Directory.Exists(dir)) return 0;
        long total = 0;
        try
        {
            foreach (var f in new DirectoryInfo(dir).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true }))
                if (!f.Attributes.HasFlag(FileAttributes.ReparsePoint)) total += f.Length;
        }
        catch (IOException) { }
        return total;
    }
}
