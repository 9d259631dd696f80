using System.CommandLine;
using System.Globalization;
using Berth.Cli.Client;
using Berth.Cli.Formatting;
using Berth.Cli.Parsing;
using Berth.Protocol.Containers;
using Berth.Protocol.Json;

namespace Berth.Cli.Commands;

/// <summary>
/// `berth port CONTAINER [PRIVATE_PORT[/PROTO]]`: the published ports from the container's inspect,
/// "80/tcp -> 0.0.0.0:8080" lines in natural order, or the host addresses of one port.
/// </summary>
internal sealed class PortCommand : CliCommand
{
    public PortCommand(string name = "port")
        : base(name, "List port mappings or a specific mapping for the container", "CONTAINER [PRIVATE_PORT[/PROTO]]", ArgRule.Between(1, 2))
    {
        AliasesHelp = "berth container port, berth port";
    }

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var args = Args(result);
        var inspect = await ctx.Client.GetJsonAsync(InspectCommand.ContainerRequest(args[0], false), ProtocolJson.Default.ContainerInspect, ct)
            .ConfigureAwait(false);
        var lines = Lines(inspect.NetworkSettings?.Ports ?? [], args[0], args.Length > 1 ? args[1] : null);
        if (lines.Count > 0) ctx.Out.WriteLine(string.Join('\n', lines));
        return 0;
    }

    /// <summary>docker's runPort: every binding of every port, or those of <paramref name="port"/> ("80" means 80/tcp).</summary>
    public static List<string> Lines(Dictionary<string, List<PortBinding>?> ports, string container, string? port)
    {
        var lines = new List<string>();
        if (port is not null)
        {
            var slash = port.IndexOf('/');
            var (number, proto) = slash < 0 ? (port, "tcp") : (port[..slash], port[(slash + 1)..]);
            if (proto.Length == 0) proto = "tcp";
            if (!ushort.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                var reason = number.Length > 0 && number.All(char.IsAsciiDigit) ? "value out of range" : "invalid syntax";
                throw new CliError(1, $"Error: invalid port ({number}): strconv.ParseUint: parsing \"{number}\": {reason}");
            }
            if (!ports.TryGetValue(number + "/" + proto, out var frontends) || frontends is not { Count: > 0 })
                throw new CliError(1, $"Error: No public port '{port}' published for {container}");
            lines.AddRange(frontends.Select(f => HostPort(f)));
        }
        else
        {
            foreach (var (key, frontends) in ports)
                foreach (var f in frontends ?? []) lines.Add($"{key} -> {HostPort(f)}");
        }
        lines.Sort(NaturalOrder.Instance);
        return lines;
    }

    /// <summary>Go's net.JoinHostPort: an IPv6 host in brackets.</summary>
    private static string HostPort(PortBinding b) => b.HostIp.Contains(':') ? $"[{b.HostIp}]:{b.HostPort}" : $"{b.HostIp}:{b.HostPort}";
}
