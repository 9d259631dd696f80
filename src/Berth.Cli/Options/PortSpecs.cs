using System.Globalization;
using Berth.Cli.Parsing;
using Berth.Protocol.Containers;
using Berth.Protocol.Json;

namespace Berth.Cli.Options;

/// <summary>
/// -p/--publish "[ip:][hostPort:]containerPort[/proto]" (ranges "8000-8002" allowed) and --expose
/// "port[-port][/proto]" into ExposedPorts and HostConfig.PortBindings, keyed "80/tcp".
/// </summary>
internal static class PortSpecs
{
    public static (Dictionary<string, EmptyObject>? Exposed, Dictionary<string, List<PortBinding>?>? Bindings) Parse(
        IReadOnlyList<string> publish, IReadOnlyList<string> expose)
    {
        if (publish.Count == 0 && expose.Count == 0) return (null, null);
        var exposed = new Dictionary<string, EmptyObject>();
        var bindings = new Dictionary<string, List<PortBinding>?>();
        foreach (var spec in publish)
        {
            var (rest, proto) = SplitProto(spec);
            // IPv6 host addresses come in brackets: [::1]:8080:80.
            string ip = "", hostPart = "", containerPart;
            if (rest.StartsWith('['))
            {
                var close = rest.IndexOf(']');
                if (close < 0) throw Invalid(spec);
                ip = rest[1..close];
                var parts = rest[(close + 1)..].TrimStart(':').Split(':');
                (hostPart, containerPart) = parts.Length == 2 ? (parts[0], parts[1]) : ("", parts[0]);
            }
            else
            {
                var parts = rest.Split(':');
                (ip, hostPart, containerPart) = parts.Length switch
                {
                    1 => ("", "", parts[0]),
                    2 => ("", parts[0], parts[1]),
                    3 => (parts[0], parts[1], parts[2]),
                    _ => throw Invalid(spec),
                };
            }
            var (cStart, cEnd) = Range(containerPart, spec);
            var hostRange = hostPart.Length == 0 ? ((int, int)?)null : Range(hostPart, spec);
            if (hostRange is { } h && h.Item2 - h.Item1 != cEnd - cStart && h.Item1 != h.Item2)
                throw Invalid(spec);
            for (var p = cStart; p <= cEnd; p++)
            {
                var key = $"{p}/{proto}";
                exposed[key] = EmptyObject.Instance;
                var hostPort = hostRange switch
                {
                    null => "",
                    var (hs, he) when hs == he && cStart != cEnd => $"{hs}",
                    var (hs, _) => (hs + (p - cStart)).ToString(CultureInfo.InvariantCulture),
                };
                if (!bindings.TryGetValue(key, out var list) || list is null) bindings[key] = list = [];
                list.Add(new PortBinding { HostIp = ip, HostPort = hostPort });
            }
        }
        foreach (var spec in expose)
        {
            if (spec.Contains(':')) throw ContainerCreateMapper.ConfigError($"invalid port format for --expose: {spec}");
            var (rest, proto) = SplitProto(spec);
            var (start, end) = Range(rest, spec);
            for (var p = start; p <= end; p++) exposed[$"{p}/{proto}"] = EmptyObject.Instance;
        }
        return (exposed, bindings.Count > 0 ? bindings : null);
    }

    private static (string Ports, string Proto) SplitProto(string spec)
    {
        var slash = spec.LastIndexOf('/');
        return slash < 0 ? (spec, "tcp") : (spec[..slash], spec[(slash + 1)..].ToLowerInvariant());
    }

    private static (int Start, int End) Range(string text, string spec)
    {
        var dash = text.IndexOf('-');
        var first = dash < 0 ? text : text[..dash];
        var last = dash < 0 ? text : text[(dash + 1)..];
        if (!int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            || start is < 0 or > 65535 || end is < 0 or > 65535 || end < start)
            throw Invalid(spec);
        return (start, end);
    }

    private static UsageException Invalid(string spec) =>
        ContainerCreateMapper.FlagError(spec, "-p, --publish", $"invalid port specification: \"{spec}\"");
}
