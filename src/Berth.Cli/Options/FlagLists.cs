namespace Berth.Cli.Options;

/// <summary>pflag's list-valued flag types, read from the repeated values System.CommandLine collects.</summary>
internal static class FlagLists
{
    /// <summary>StringSlice: every value may hold several, comma-separated.</summary>
    public static List<string> StringSlice(IEnumerable<string>? values) =>
        (values ?? []).SelectMany(v => v.Split(',')).Where(v => v.Length > 0).ToList();

    /// <summary>docker's MapOpts: "key=value", a bare "key" meaning an empty value; the last one wins.</summary>
    public static Dictionary<string, string> Map(IEnumerable<string>? values)
    {
        var map = new Dictionary<string, string>();
        foreach (var v in values ?? [])
        {
            var eq = v.IndexOf('=');
            map[eq < 0 ? v : v[..eq]] = eq < 0 ? "" : v[(eq + 1)..];
        }
        return map;
    }
}
