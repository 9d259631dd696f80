using System.CommandLine;
using System.Globalization;
using Berth.Cli.Client;
using Berth.Cli.Options;
using Berth.Cli.Parsing;
using Berth.Protocol.Containers;
using Berth.Protocol.Json;
using Berth.Protocol.Networks;

namespace Berth.Cli.Commands.Networks;

/// <summary>`berth network connect [OPTIONS] NETWORK CONTAINER`: POST /networks/{id}/connect with the endpoint settings docker's client sends.</summary>
internal sealed class NetworkConnectCommand : CliCommand
{
    private readonly Option<string> _ip, _ip6, _gwPriority;
    private readonly Option<string[]> _alias, _driverOpt, _linkLocalIp;

    public NetworkConnectCommand() : base("connect", "Connect a container to a network", "[OPTIONS] NETWORK CONTAINER", ArgRule.Exactly(2))
    {
        _alias = List("--alias", null, "Add network-scoped alias for the container", "strings");
        _driverOpt = List("--driver-opt", null, "driver options for the network", "strings");
        _gwPriority = Value("--gw-priority", null, "Highest gw-priority provides the default gateway. Accepts positive and negative values.", "int");
        _ip = Value("--ip", null, "IPv4 address (e.g., \"172.30.100.104\")");
        _ip6 = Value("--ip6", null, "IPv6 address (e.g., \"2001:db8::33\")");
        _linkLocalIp = List("--link-local-ip", null, "Add a link-local address for the container", "strings");
    }

    public NetworkConnectRequest BuildBody(ParseResult r)
    {
        var args = Args(r);
        var driverOpts = new Dictionary<string, string>();
        foreach (var opt in FlagLists.StringSlice(r.GetValue(_driverOpt)))
        {
            var eq = opt.IndexOf('=');
            var key = eq < 0 ? "" : opt[..eq].Trim();
            if (key.Length == 0) throw new CliError(1, "invalid key/value pair format in driver options");
            driverOpts[key] = opt[(eq + 1)..].Trim();
        }
        var priorityText = r.GetValue(_gwPriority);
        var priority = 0;
        if (priorityText is not null && !int.TryParse(priorityText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out priority))
            throw ContainerCreateMapper.FlagError(priorityText, "--gw-priority", $"strconv.ParseInt: parsing \"{priorityText}\": invalid syntax");
        var linkLocal = FlagLists.StringSlice(r.GetValue(_linkLocalIp));
        return new NetworkConnectRequest
        {
            Container = args[1],
            EndpointConfig = new EndpointSettings
            {
                IPAMConfig = new EndpointIpamConfig
                {
                    IPv4Address = NullIfEmpty(r.GetValue(_ip)),
                    IPv6Address = NullIfEmpty(r.GetValue(_ip6)),
                    LinkLocalIPs = linkLocal.Count > 0 ? linkLocal : null,
                },
                Aliases = FlagLists.StringSlice(r.GetValue(_alias)),
                DriverOpts = driverOpts,
                GwPriority = priority,
            },
        };
    }

    public static ApiRequest BuildRequest(string network, NetworkConnectRequest body) =>
        ApiRequest.Post($"/networks/{ApiRequest.Segment(network)}/connect").WithJson(body, ProtocolJson.Default.NetworkConnectRequest);

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        await ctx.Client.SendAndForgetAsync(BuildRequest(Args(result)[0], BuildBody(result)), ct).ConfigureAwait(false);
        return 0;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
