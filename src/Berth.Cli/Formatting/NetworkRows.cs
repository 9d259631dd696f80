using Berth.Cli.Formatting.Templates;
using Berth.Protocol.Networks;

namespace Berth.Cli.Formatting;

/// <summary>
/// Turns GET /networks entries into `network ls` rows with docker's field names (ID, Name, Driver,
/// Scope, IPv4, IPv6, Internal, Labels, CreatedAt and the .Label "key" method).
/// </summary>
internal static class NetworkRows
{
    public const string DefaultTableFormat = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}";

    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["ID"] = "NETWORK ID",
        ["Name"] = "NAME",
        ["Driver"] = "DRIVER",
        ["Scope"] = "SCOPE",
        ["IPv4"] = "IPV4",
        ["IPv6"] = "IPV6",
        ["Internal"] = "INTERNAL",
        ["Labels"] = "LABELS",
        ["CreatedAt"] = "CREATED AT",
    };

    /// <summary>docker's network NewFormat: "table" is the default columns (IDs only with -q), "raw" its key: value form.</summary>
    public static string ResolveFormat(string? format, bool quiet) => format switch
    {
        null or "" or "table" => quiet ? "{{.ID}}" : DefaultTableFormat,
        "raw" => quiet ? "network_id: {{.ID}}" : "network_id: {{.ID}}\\nname: {{.Name}}\\ndriver: {{.Driver}}\\nscope: {{.Scope}}\\n",
        _ => format,
    };

    /// <summary>The rows in docker's order: names sorted naturally ("net2" before "net10").</summary>
    public static List<IReadOnlyDictionary<string, object?>> Build(IEnumerable<NetworkInspect> networks, bool trunc) =>
        networks.OrderBy(n => n.Name, NaturalOrder.Instance).Select(n => Row(n, trunc)).ToList();

    private static IReadOnlyDictionary<string, object?> Row(NetworkInspect n, bool trunc)
    {
        var labels = n.Labels ?? [];
        return new FormatterRow
        {
            ["ID"] = trunc ? DisplayText.TruncateId(n.Id) : n.Id,
            ["Name"] = n.Name,
            ["Driver"] = n.Driver,
            ["Scope"] = n.Scope,
            ["IPv4"] = n.EnableIPv4 ? "true" : "false",
            ["IPv6"] = n.EnableIPv6 ? "true" : "false",
            ["Internal"] = n.Internal ? "true" : "false",
            // Go ranges over the map in random order; sorted is one of the orders docker prints.
            ["Labels"] = string.Join(",", labels.Select(kv => kv.Key + "=" + kv.Value).Order(StringComparer.Ordinal)),
            ["CreatedAt"] = GoTime.FromRfc3339(n.Created),
            ["Label"] = new TemplateMethod(args =>
                args.Count > 0 && args[0] is string key && labels.TryGetValue(key, out var v) ? v : ""),
        };
    }
}
