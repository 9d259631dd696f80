using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Options;
using Berth.Cli.Parsing;
using Berth.Protocol.Json;
using Berth.Protocol.Networks;

namespace Berth.Cli.Commands.Networks;

/// <summary>`berth network create [OPTIONS] NETWORK`: POST /networks/create with the body docker's client sends; prints the ID.</summary>
internal sealed class NetworkCreateCommand : CliCommand
{
    private readonly Option<bool> _attachable, _configOnly, _ingress, _internal, _ipv4, _ipv6;
    private readonly Option<string> _configFrom, _driver, _ipamDriver, _scope;
    private readonly Option<string[]> _gateway, _ipRange, _ipamOpt, _label, _opt, _subnet;

    public NetworkCreateCommand() : base("create", "Create a network", "[OPTIONS] NETWORK", ArgRule.Exactly(1))
    {
        _attachable = Flag("--attachable", null, "Enable manual container attachment");
        _configFrom = Value("--config-from", null, "The network from which to copy the configuration");
        _configOnly = Flag("--config-only", null, "Create a configuration only network");
        _driver = Value("--driver", "-d", "Driver to manage the Network (default \"bridge\")");
        _gateway = List("--gateway", null, "IPv4 or IPv6 Gateway for the master subnet", "strings");
        _ingress = Flag("--ingress", null, "Create swarm routing-mesh network");
        _internal = Flag("--internal", null, "Restrict external access to the network");
        _ipRange = List("--ip-range", null, "Allocate container ip from a sub-range", "strings");
        _ipamDriver = Value("--ipam-driver", null, "IP Address Management Driver (default \"default\")");
        _ipamOpt = List("--ipam-opt", null, "Set IPAM driver specific options", "map");
        _ipv4 = Flag("--ipv4", null, "Enable or disable IPv4 address assignment (default true)");
        _ipv6 = Flag("--ipv6", null, "Enable or disable IPv6 address assignment");
        _label = List("--label", null, "Set metadata on a network");
        _opt = List("--opt", "-o", "Set driver specific options", "map");
        _scope = Value("--scope", null, "Control the network's scope");
        _subnet = List("--subnet", null, "Subnet in CIDR format that represents a network segment", "strings");
    }

    public NetworkCreateRequest BuildBody(ParseResult r)
    {
        var name = Args(r)[0];
        NetworkIpam ipam;
        try
        {
            ipam = NetworkIpamFlags.Build(r.GetValue(_ipamDriver) ?? "default", FlagLists.StringSlice(r.GetValue(_subnet)),
                FlagLists.StringSlice(r.GetValue(_ipRange)), FlagLists.StringSlice(r.GetValue(_gateway)), FlagLists.Map(r.GetValue(_ipamOpt)));
        }
        catch (FormatException ex) { throw new CliError(1, ex.Message); }
        var labels = new Dictionary<string, string>();
        foreach (var label in r.GetValue(_label) ?? [])
        {
            var eq = label.IndexOf('=');
            if ((eq < 0 ? label : label[..eq]).Trim().Length == 0)
                throw ContainerCreateMapper.FlagError(label, "--label", $"invalid label '{label}': empty name");
            labels[eq < 0 ? label : label[..eq]] = eq < 0 ? "" : label[(eq + 1)..];
        }
        var configFrom = r.GetValue(_configFrom);
        return new NetworkCreateRequest
        {
            Name = name,
            Driver = r.GetValue(_driver) ?? "bridge",
            Scope = r.GetValue(_scope) ?? "",
            // Sent only when given, so the daemon's defaults apply otherwise.
            EnableIPv4 = Given(r, _ipv4) ? r.GetValue(_ipv4) : null,
            EnableIPv6 = Given(r, _ipv6) ? r.GetValue(_ipv6) : null,
            IPAM = ipam,
            Internal = r.GetValue(_internal),
            Attachable = r.GetValue(_attachable),
            Ingress = r.GetValue(_ingress),
            ConfigOnly = r.GetValue(_configOnly),
            ConfigFrom = string.IsNullOrEmpty(configFrom) ? null : new NetworkConfigReference { Network = configFrom },
            Options = FlagLists.Map(r.GetValue(_opt)),
            Labels = labels,
        };
    }

    public static ApiRequest BuildRequest(NetworkCreateRequest body) =>
        ApiRequest.Post("/networks/create").WithJson(body, ProtocolJson.Default.NetworkCreateRequest);

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var response = await ctx.Client.GetJsonAsync(BuildRequest(BuildBody(result)), ProtocolJson.Default.NetworkCreateResponse, ct)
            .ConfigureAwait(false);
        ctx.Out.WriteLine(response.Id);
        return 0;
    }

    private static bool Given(ParseResult r, Option option) => r.GetResult(option) is { Implicit: false };
}
