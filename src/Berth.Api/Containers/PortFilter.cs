using System.Globalization;
using Berth.Engine.Errors;

namespace Berth.Api.Containers;

/// <summary>The ps filters publish= and expose=: "80", "80/udp" or a range "8000-8002/tcp", as the set of "port/proto" keys they name.</summary>
public static class PortFilter
{
    public static HashSet<string> Parse(string key, IReadOnlyList<string> values)
    {
        var ports = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            // Docker reports these as plain errors (status 500).
            if (value.Contains(':')) throw BerthException.System($"filter for '{key}' should not contain ':': {value}");
            // nat.SplitProtoPort: "80" and "80/" are tcp, "/tcp" names no port.
            var parts = value.Split('/');
            var (range, proto) = parts[0].Length == 0 ? ("", "") : parts.Length == 1 || parts[1].Length == 0 ? (parts[0], "tcp") : (parts[0], parts[1]);
            if (range.Length == 0) throw BerthException.System($"error while looking up for {key} {value}: empty string specified for ports");
            var bounds = range.Split('-');
            var start = ParsePort(key, value, bounds[0]);
            var end = bounds.Length == 1 ? start : ParsePort(key, value, bounds[1]);
            if (end < start) throw BerthException.System($"error while looking up for {key} {value}: invalid range specified for port: {range}");
            for (var p = start; p <= end; p++) ports.Add($"{p}/{proto}");
        }
        return ports;
    }

    private static int ParsePort(string key, string value, string text) =>
        ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : throw BerthException.System($"error while looking up for {key} {value}: strconv.ParseUint: parsing \"{text}\": {(text.All(char.IsAsciiDigit) && text.Length > 0 ? "value out of range" : "invalid syntax")}");
}
