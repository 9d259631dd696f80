namespace Berth.Api.Infrastructure;

/// <summary>Docker's label filter: "key" (present) or "key=value" (equal); all must match.</summary>
public static class ContainerLabels
{
    public static bool Match(IReadOnlyDictionary<string, string>? labels, IReadOnlyList<string> filters)
    {
        foreach (var f in filters)
        {
            var eq = f.IndexOf('=');
            if (eq < 0) { if (labels is null || !labels.ContainsKey(f)) return false; }
            else if (labels is null || !labels.TryGetValue(f[..eq], out var v) || v != f[(eq + 1)..]) return false;
        }
        return true;
    }
}
