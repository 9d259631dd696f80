using System.Globalization;
using Berth.Cli.Formatting.Templates;
using Berth.Protocol.Containers;
using Berth.Protocol.Formatting;

namespace Berth.Cli.Formatting;

/// <summary>
/// Turns GET /containers/json entries into the template rows `ps` formats, with docker's field
/// names (ID, Image, Command, CreatedAt, RunningFor, Ports, State, Status, Size, Names, Labels,
/// Mounts, Networks, LocalVolumes, Platform and the .Label "key" method) and docker's truncation rules.
/// </summary>
internal static class ContainerRows
{
    public const string DefaultTableFormat =
        "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";

    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["ID"] = "CONTAINER ID",
        ["Names"] = "NAMES",
        ["Image"] = "IMAGE",
        ["Command"] = "COMMAND",
        ["CreatedAt"] = "CREATED AT",
        ["RunningFor"] = "CREATED",
        ["Ports"] = "PORTS",
        ["State"] = "STATE",
        ["Status"] = "STATUS",
        ["Size"] = "SIZE",
        ["Labels"] = "LABELS",
        ["Mounts"] = "MOUNTS",
        ["LocalVolumes"] = "LOCAL VOLUMES",
        ["Networks"] = "NETWORKS",
        ["Platform"] = "PLATFORM",
    };

    public static IReadOnlyDictionary<string, object?> Build(ContainerSummary c, bool trunc, DateTimeOffset now)
    {
        // Daemons may send null for empty lists and maps.
        var labels = c.Labels ?? [];
        var mounts = c.Mounts ?? [];
        return new FormatterRow
        {
            ["ID"] = trunc ? DisplayText.TruncateId(c.Id) : c.Id,
            ["Image"] = ImageName(c, trunc),
            ["Command"] = DisplayText.GoQuote(trunc ? DisplayText.Ellipsis(c.Command, 20) : c.Command),
            ["CreatedAt"] = GoTime.UnixString(c.Created),
            ["RunningFor"] = HumanUnits.HumanDuration(now - DateTimeOffset.FromUnixTimeSeconds(c.Created)) + " ago",
            ["Ports"] = Ports(c.Ports ?? []),
            ["State"] = c.State,
            ["Status"] = c.Status,
            ["Size"] = Size(c),
            ["Names"] = Names(c.Names ?? [], trunc),
            ["Labels"] = string.Join(",", labels.Select(kv => kv.Key + "=" + kv.Value).Order(StringComparer.Ordinal)),
            ["Mounts"] = string.Join(",", mounts.Select(m =>
            {
                var name = m.Name.Length == 0 ? m.Source : m.Name;
                return trunc ? DisplayText.Ellipsis(name, 15) : name;
            })),
            ["Networks"] = string.Join(",", c.NetworkSettings?.Networks?.Keys ?? (IEnumerable<string>)[]),
            ["LocalVolumes"] = mounts.Count(m => m.Driver == "local").ToString(CultureInfo.InvariantCulture),
            // The image manifest's platform, which Berth does not report: docker 28 shows null.
            ["Platform"] = GoNil.Pointer,
            ["Label"] = new TemplateMethod(args =>
                args.Count > 0 && args[0] is string key && labels.TryGetValue(key, out var v) ? v : ""),
        };
    }

    /// <summary>Names without the leading '/'; truncated output shows only the first non-link name.</summary>
    private static string Names(List<string> names, bool trunc)
    {
        var stripped = names.Select(n => n.TrimStart('/')).ToList();
        if (!trunc) return string.Join(",", stripped);
        return stripped.FirstOrDefault(n => !n.Contains('/')) ?? "";
    }

    private static string ImageName(ContainerSummary c, bool trunc)
    {
        if (c.Image.Length == 0) return "<no image>";
        if (!trunc) return c.Image;
        if (c.ImageID.Length > 0 && DisplayText.TruncateId(c.ImageID) == DisplayText.TruncateId(c.Image))
            return DisplayText.TruncateId(c.Image);
        return ImageReference.Familiar(ImageReference.StripDigest(c.Image));
    }

    private static string Size(ContainerSummary c)
    {
        var rw = DisplayText.CompactSize(c.SizeRw ?? 0);
        return c.SizeRootFs is > 0 ? $"{rw} (virtual {DisplayText.CompactSize(c.SizeRootFs.Value)})" : rw;
    }

    /// <summary>
    /// docker's port column: consecutive unpublished ports of one protocol collapse into ranges
    /// ("8000-8002/tcp"), published ones read "0.0.0.0:80->8080/tcp".
    /// </summary>
    public static string Ports(IReadOnlyList<PortSummary> ports)
    {
        var sorted = ports.OrderBy(p => p.PrivatePort).ThenBy(p => p.IP ?? "", StringComparer.Ordinal)
            .ThenBy(p => p.PublicPort).ThenBy(p => p.Type, StringComparer.Ordinal).ToList();
        var groups = new Dictionary<string, (int First, int Last)>();
        var order = new List<string>();
        var result = new List<string>();
        var mappings = new List<string>();
        foreach (var p in sorted)
        {
            var key = p.Type;
            if (!string.IsNullOrEmpty(p.IP))
            {
                if (p.PublicPort != p.PrivatePort)
                {
                    mappings.Add($"{HostPort(p.IP, p.PublicPort.ToString(CultureInfo.InvariantCulture))}->{p.PrivatePort}/{p.Type}");
                    continue;
                }
                key = p.IP + "/" + p.Type;
            }
            if (!groups.TryGetValue(key, out var g))
            {
                groups[key] = (p.PrivatePort, p.PrivatePort);
                order.Add(key);
            }
            else if (p.PrivatePort == g.Last + 1)
            {
                groups[key] = (g.First, p.PrivatePort);
            }
            else
            {
                result.Add(FormGroup(key, g.First, g.Last));
                groups[key] = (p.PrivatePort, p.PrivatePort);
            }
        }
        foreach (var key in order) result.Add(FormGroup(key, groups[key].First, groups[key].Last));
        result.AddRange(mappings);
        return string.Join(", ", result);
    }

    private static string FormGroup(string key, int first, int last)
    {
        var slash = key.LastIndexOf('/');
        var (ip, type) = slash >= 0 ? (key[..slash], key[(slash + 1)..]) : ("", key);
        var range = first == last ? first.ToString(CultureInfo.InvariantCulture) : $"{first}-{last}";
        if (ip.Length > 0) range = $"{HostPort(ip, range)}->{range}";
        return range + "/" + type;
    }

    private static string HostPort(string ip, string port) => ip.Contains(':') ? $"[{ip}]:{port}" : $"{ip}:{port}";
}
