using System.Text.Json;
using Berth.Cli.Commands;
using Berth.Cli.Commands.Networks;
using Berth.Cli.Parsing;
using Berth.Protocol.Containers;
using Berth.Protocol.Json;
using Berth.Protocol.Networks;
using Xunit;

namespace Berth.Tests.Cli;

/// <summary>The network flags of run/create and the `network` commands' request bodies, against what docker CLI 28 sends.</summary>
public class NetworkFlagMappingTests
{
    private static ContainerCreateRequest Run(params string[] args)
    {
        var h = new CliHarness();
        var result = h.Parse(["run", .. args]);
        return Assert.IsType<RunCommand>(result.CommandResult.Command).BuildCreate(result, h.Context).Body;
    }

    private static string EndpointsJson(ContainerCreateRequest body) =>
        JsonSerializer.Serialize(body.NetworkingConfig!, ProtocolJson.Default.NetworkingConfig);

    private const string EmptyEndpoint =
        "\"Links\":null,\"Aliases\":null,\"MacAddress\":\"\",\"DriverOpts\":null,\"GwPriority\":0,\"NetworkID\":\"\",\"EndpointID\":\"\",\"Gateway\":\"\",\"IPAddress\":\"\",\"IPPrefixLen\":0,\"IPv6Gateway\":\"\",\"GlobalIPv6Address\":\"\",\"GlobalIPv6PrefixLen\":0,\"DNSNames\":null";

    [Fact]
    public void Without_network_the_default_endpoint_is_always_sent()
    {
        var body = Run("busybox");
        Assert.Equal("default", body.HostConfig!.NetworkMode);
        Assert.Equal("{\"EndpointsConfig\":{\"default\":{\"IPAMConfig\":null," + EmptyEndpoint + "}}}", EndpointsJson(body));
    }

    [Fact]
    public void Several_networks_each_get_an_endpoint_and_the_first_takes_the_alias_flags()
    {
        var body = Run("--network", "front", "--network", "back", "--network-alias", "web", "busybox");

        Assert.Equal("front", body.HostConfig!.NetworkMode);
        var endpoints = body.NetworkingConfig!.EndpointsConfig!;
        Assert.Equal(["front", "back"], endpoints.Keys);
        Assert.Equal(["web"], endpoints["front"].Aliases!);
        Assert.Null(endpoints["back"].Aliases);
    }

    [Fact]
    public void Several_networks_refuse_repeats_and_mixing_with_builtin_modes()
    {
        var repeated = Assert.Throws<UsageException>(() => Run("--network", "a", "--network", "a", "busybox"));
        Assert.Equal("network \"a\" is specified multiple times", repeated.Message);
        var mixed = Assert.Throws<UsageException>(() => Run("--network", "a", "--network", "host", "busybox"));
        Assert.Equal("conflicting options: cannot attach both user-defined and non-user-defined network-modes", mixed.Message);
        Assert.Equal(125, mixed.ExitCode);
    }

    [Fact]
    public void A_network_with_nothing_to_say_sends_no_endpoint()
    {
        Assert.Equal("{\"EndpointsConfig\":{}}", EndpointsJson(Run("--network", "backend", "busybox")));
        Assert.Equal("{\"EndpointsConfig\":{}}", EndpointsJson(Run("--network", "host", "busybox")));
    }

    [Fact]
    public void Alias_ip_and_mac_go_to_the_named_network()
    {
        var body = Run("--network", "n1", "--network-alias", "a", "--net-alias", "b", "--ip", "10.1.0.5", "--mac-address", "02:42:ac:11:00:02", "busybox");
        var endpoint = body.NetworkingConfig!.EndpointsConfig!["n1"];
        Assert.Equal(["a", "b"], endpoint.Aliases);
        Assert.Equal("10.1.0.5", endpoint.IPAMConfig!.IPv4Address);
        Assert.Null(endpoint.IPAMConfig.IPv6Address);
        Assert.Equal("02:42:ac:11:00:02", endpoint.MacAddress);
        Assert.Contains("\"IPAMConfig\":{\"IPv4Address\":\"10.1.0.5\"}", EndpointsJson(body));
        Assert.Equal("n1", body.HostConfig!.NetworkMode);
    }

    [Fact]
    public void Ip_and_mac_without_network_go_to_default()
    {
        var endpoint = Run("--ip", "10.1.0.5", "--mac-address", "02-42-ac-11-00-02", "busybox").NetworkingConfig!.EndpointsConfig!["default"];
        Assert.Equal("10.1.0.5", endpoint.IPAMConfig!.IPv4Address);
        Assert.Equal("02-42-ac-11-00-02", endpoint.MacAddress);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("bridge")]
    [InlineData("host")]
    [InlineData("none")]
    [InlineData("container:web")]
    public void Aliases_need_a_user_defined_network(string network)
    {
        var args = network == "default" ? new[] { "--network-alias", "a", "busybox" } : ["--network", network, "--network-alias", "a", "busybox"];
        var ex = Assert.Throws<UsageException>(() => Run(args));
        Assert.Equal("network-scoped aliases are only supported for user-defined networks", ex.Message);
        Assert.Equal(125, ex.ExitCode);
    }

    [Theory]
    [InlineData("zz")]
    [InlineData("02:42:ac:11:00")]
    [InlineData("02:42:ac:11:00:0g")]
    [InlineData("02:42-ac:11:00:02")]
    public void Invalid_mac_addresses_are_refused(string mac)
    {
        var ex = Assert.Throws<UsageException>(() => Run("--mac-address", mac, "busybox"));
        Assert.Equal($"{mac} is not a valid mac address", ex.Message);
    }

    [Theory]
    [InlineData("0200.5e10.0000")]
    [InlineData("02:00:5e:10:00:00:00:01")]
    public void Other_go_mac_forms_are_accepted(string mac) =>
        Assert.Equal(mac, Run("--mac-address", mac, "busybox").NetworkingConfig!.EndpointsConfig!["default"].MacAddress);

    [Fact]
    public void Dns_search_options_and_publish_all_land_in_host_config()
    {
        var host = Run("--dns", "1.1.1.1", "--dns-search", "example.com.", "--dns-search", ".", "--dns-option", "ndots:2", "--dns-opt", "timeout:1", "-P", "busybox").HostConfig!;
        Assert.Equal(["1.1.1.1"], host.Dns);
        Assert.Equal(["example.com", "."], host.DnsSearch);
        Assert.Equal(["ndots:2", "timeout:1"], host.DnsOptions);
        Assert.True(host.PublishAllPorts);
        Assert.False(Run("busybox").HostConfig!.PublishAllPorts);
    }

    [Theory]
    [InlineData("123")]
    [InlineData("-bad.com")]
    public void Invalid_dns_search_domains_are_refused(string domain)
    {
        var ex = Assert.Throws<UsageException>(() => Run("--dns-search", domain, "busybox"));
        Assert.Equal($"invalid argument \"{domain}\" for \"--dns-search\" flag: {domain} is not a valid domain", ex.Message);
    }

    private static NetworkCreateRequest Create(params string[] args)
    {
        var h = new CliHarness();
        var result = h.Parse(["network", "create", .. args]);
        return Assert.IsType<NetworkCreateCommand>(result.CommandResult.Command).BuildBody(result);
    }

    [Fact]
    public void Network_create_sends_what_docker_sends()
    {
        var body = Create("--subnet", "10.1.0.0/16", "--gateway", "10.1.0.1", "--ip-range", "10.1.1.0/24", "-o", "a=b", "--label", "x=y",
            "--label", "z", "--internal", "--attachable", "--ipv6", "--ipam-driver", "default", "n2");
        Assert.Equal(
            "{\"Driver\":\"bridge\",\"Scope\":\"\",\"EnableIPv6\":true,\"IPAM\":{\"Driver\":\"default\",\"Options\":{},\"Config\":[{\"Subnet\":\"10.1.0.0/16\",\"IPRange\":\"10.1.1.0/24\",\"Gateway\":\"10.1.0.1\"}]},\"Internal\":true,\"Attachable\":true,\"Ingress\":false,\"ConfigOnly\":false,\"ConfigFrom\":null,\"Options\":{\"a\":\"b\"},\"Labels\":{\"x\":\"y\",\"z\":\"\"},\"Name\":\"n2\"}",
            JsonSerializer.Serialize(body, ProtocolJson.Default.NetworkCreateRequest));
        Assert.Equal(
            "{\"Driver\":\"bridge\",\"Scope\":\"\",\"IPAM\":{\"Driver\":\"default\",\"Options\":{},\"Config\":[]},\"Internal\":false,\"Attachable\":false,\"Ingress\":false,\"ConfigOnly\":false,\"ConfigFrom\":null,\"Options\":{},\"Labels\":{},\"Name\":\"n1\"}",
            JsonSerializer.Serialize(Create("n1"), ProtocolJson.Default.NetworkCreateRequest));
    }

    [Fact]
    public void Network_create_sends_ipv4_only_when_given()
    {
        Assert.False(Create("--ipv4=false", "n").EnableIPv4);
        Assert.Null(Create("n").EnableIPv4);
        Assert.Equal("macvlan", Create("-d", "macvlan", "n").Driver);
    }

    [Fact]
    public void Subnet_flags_take_comma_separated_values()
    {
        var config = Create("--subnet", "10.1.0.0/24,10.2.0.0/24", "--gateway", "10.2.0.254", "n").IPAM!.Config!;
        Assert.Equal(["10.1.0.0/24", "10.2.0.0/24"], config.Select(c => c.Subnet));
        Assert.Null(config[0].Gateway);
        Assert.Equal("10.2.0.254", config[1].Gateway);
    }

    [Theory]
    [InlineData(new[] { "--gateway", "10.0.0.1" }, "every ip-range or gateway must have a corresponding subnet")]
    [InlineData(new[] { "--subnet", "10.0.0.0/16", "--subnet", "10.0.1.0/24" }, "multiple overlapping subnet configuration is not supported")]
    [InlineData(new[] { "--subnet", "foo", "--subnet", "10.0.1.0/24" }, "invalid subnet: invalid CIDR address: foo")]
    [InlineData(new[] { "--subnet", "10.5.0.0/24", "--gateway", "10.6.0.1" }, "no matching subnet for gateway 10.6.0.1")]
    [InlineData(new[] { "--subnet", "10.5.0.0/24", "--ip-range", "10.8.0.0/25" }, "no matching subnet for range 10.8.0.0/25")]
    [InlineData(new[] { "--subnet", "10.5.0.0/24", "--ip-range", "foo" }, "invalid CIDR address: foo")]
    [InlineData(new[] { "--subnet", "10.5.0.0/24", "--gateway", "foo" }, "no matching subnet for gateway foo")]
    public void Network_create_checks_ipam_flags_as_docker(string[] flags, string message)
    {
        var ex = Assert.Throws<CliError>(() => Create([.. flags, "n"]));
        Assert.Equal(message, ex.Text);
        Assert.Equal(1, ex.ExitCode);
    }

    [Fact]
    public void A_single_bad_subnet_is_left_to_the_daemon() =>
        Assert.Equal("foo", Create("--subnet", "foo", "n").IPAM!.Config!.Single().Subnet);

    [Fact]
    public void Network_connect_sends_the_endpoint_config()
    {
        var h = new CliHarness();
        var result = h.Parse("network", "connect", "--alias", "a1", "--alias", "a2", "--ip", "10.1.0.9", "--driver-opt", "k=v", "n1", "c1");
        var body = Assert.IsType<NetworkConnectCommand>(result.CommandResult.Command).BuildBody(result);
        Assert.Equal(
            "{\"Container\":\"c1\",\"EndpointConfig\":{\"IPAMConfig\":{\"IPv4Address\":\"10.1.0.9\"},\"Links\":null,\"Aliases\":[\"a1\",\"a2\"],\"MacAddress\":\"\",\"DriverOpts\":{\"k\":\"v\"},\"GwPriority\":0,\"NetworkID\":\"\",\"EndpointID\":\"\",\"Gateway\":\"\",\"IPAddress\":\"\",\"IPPrefixLen\":0,\"IPv6Gateway\":\"\",\"GlobalIPv6Address\":\"\",\"GlobalIPv6PrefixLen\":0,\"DNSNames\":null}}",
            JsonSerializer.Serialize(body, ProtocolJson.Default.NetworkConnectRequest));
        var request = NetworkConnectCommand.BuildRequest("n1", body);
        Assert.Equal(("POST", "/networks/n1/connect"), (request.Method, request.Path));

        var bare = h.Parse("network", "connect", "n1", "c1");
        Assert.Contains("\"IPAMConfig\":{},\"Links\":null,\"Aliases\":[],\"MacAddress\":\"\",\"DriverOpts\":{}",
            JsonSerializer.Serialize(((NetworkConnectCommand)bare.CommandResult.Command).BuildBody(bare), ProtocolJson.Default.NetworkConnectRequest));
    }

    [Fact]
    public void Network_connect_refuses_driver_options_without_a_key()
    {
        var h = new CliHarness();
        var result = h.Parse("network", "connect", "--driver-opt", "=v", "n1", "c1");
        var ex = Assert.Throws<CliError>(() => ((NetworkConnectCommand)result.CommandResult.Command).BuildBody(result));
        Assert.Equal("invalid key/value pair format in driver options", ex.Text);
    }

    [Fact]
    public void Network_disconnect_ls_and_prune_requests()
    {
        var disconnect = NetworkDisconnectCommand.BuildRequest("n1", "c1", force: true);
        Assert.Equal("{\"Container\":\"c1\",\"Force\":true}", System.Text.Encoding.UTF8.GetString(disconnect.SerializeBody()!));
        Assert.Equal("/networks/n1/disconnect", disconnect.Path);

        var ls = NetworkListCommand.BuildRequest(["name=x", "dangling=true"]);
        Assert.Equal(("GET", "/networks"), (ls.Method, ls.Path));
        Assert.Equal("{\"dangling\":{\"true\":true},\"name\":{\"x\":true}}", ls.QueryValue("filters"));

        var prune = NetworkPruneCommand.BuildRequest(["until=1h"]);
        Assert.Equal(("POST", "/networks/prune"), (prune.Method, prune.Path));
        Assert.Equal("{\"until\":{\"1h\":true}}", prune.QueryValue("filters"));
        Assert.Null(NetworkPruneCommand.BuildRequest([]).QueryValue("filters"));

        Assert.Equal(("DELETE", "/networks/n1"), (NetworkRemoveCommand.BuildRequest("n1").Method, NetworkRemoveCommand.BuildRequest("n1").Path));
        Assert.Equal("verbose=true", InspectCommand.NetworkRequest("n1", verbose: true).QueryString);
        Assert.Equal("", InspectCommand.NetworkRequest("n1", verbose: false).QueryString);
    }
}
