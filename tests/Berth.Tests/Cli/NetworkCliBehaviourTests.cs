using Berth.Cli.Commands;
using Berth.Cli.Formatting;
using Berth.Protocol.Containers;
using Xunit;

namespace Berth.Tests.Cli;

/// <summary>`network` commands and `port` against a fake daemon: docker's output, ordering, errors and exit codes.</summary>
public class NetworkCliBehaviourTests
{
    private const string TwoNetworks = """
        [{"Name":"net10","Id":"aaaaaaaaaaaa0000000000000000000000000000000000000000000000000000","Created":"2026-11-24T15:51:47.075678206Z","Scope":"local","Driver":"bridge","EnableIPv4":true,"EnableIPv6":false,"Internal":true,"Labels":{"b":"2","a":"1"}},
         {"Name":"net2","Id":"bbbbbbbbbbbb1111111111111111111111111111111111111111111111111111","Created":"2026-11-24T15:51:37.9Z","Scope":"local","Driver":"bridge","EnableIPv4":true,"EnableIPv6":false,"Labels":null}]
        """;

    [Fact]
    public async Task Ls_sorts_names_naturally_and_prints_docker_table()
    {
        await using var daemon = new FakeDaemon((_, s) => FakeDaemon.RespondAsync(s, 200, TwoNetworks));
        var h = new CliHarness(daemon.Endpoint);
        Assert.Equal(0, await h.RunAsync("network", "ls"));
        Assert.Equal(
            "NETWORK ID     NAME      DRIVER    SCOPE\nbbbbbbbbbbbb   net2      bridge    local\naaaaaaaaaaaa   net10     bridge    local\n",
            h.Stdout);
    }

    [Fact]
    public async Task Ls_quiet_no_trunc_json_and_templates()
    {
        await using var daemon = new FakeDaemon((_, s) => FakeDaemon.RespondAsync(s, 200, TwoNetworks));
        var quiet = new CliHarness(daemon.Endpoint);
        Assert.Equal(0, await quiet.RunAsync("network", "ls", "-q", "--no-trunc"));
        Assert.Equal("bbbbbbbbbbbb1111111111111111111111111111111111111111111111111111\naaaaaaaaaaaa0000000000000000000000000000000000000000000000000000\n", quiet.Stdout);

        var json = new CliHarness(daemon.Endpoint);
        Assert.Equal(0, await json.RunAsync("network", "list", "--format", "json"));
        Assert.Equal(
            "{\"CreatedAt\":\"2026-11-24 15:51:37.9 +0000 UTC\",\"Driver\":\"bridge\",\"ID\":\"bbbbbbbbbbbb\",\"IPv4\":\"true\",\"IPv6\":\"false\",\"Internal\":\"false\",\"Labels\":\"\",\"Name\":\"net2\",\"Scope\":\"local\"}\n"
            + "{\"CreatedAt\":\"2026-11-24 15:51:47.075678206 +0000 UTC\",\"Driver\":\"bridge\",\"ID\":\"aaaaaaaaaaaa\",\"IPv4\":\"true\",\"IPv6\":\"false\",\"Internal\":\"true\",\"Labels\":\"a=1,b=2\",\"Name\":\"net10\",\"Scope\":\"local\"}\n",
            json.Stdout);

        var table = new CliHarness(daemon.Endpoint);
        Assert.Equal(0, await table.RunAsync("network", "ls", "-q", "--format", "table {{.Name}}\t{{.Internal}}\t{{.IPv4}}"));
        Assert.Equal("NAME      INTERNAL   IPV4\nnet2      false      true\nnet10     true       true\n", table.Stdout);

        var template = new CliHarness(daemon.Endpoint);
        Assert.Equal(0, await template.RunAsync("network", "ls", "--format", "{{.Name}}={{.Label \"a\"}}|{{.Labels}}"));
        Assert.Equal("net2=|\nnet10=1|a=1,b=2\n", template.Stdout);
    }

    [Fact]
    public async Task Rm_reports_each_failure_as_it_happens_then_exit_status_1()
    {
        await using var daemon = new FakeDaemon((r, s) => r.Path.EndsWith("/missing", StringComparison.Ordinal)
            ? FakeDaemon.RespondAsync(s, 404, "{\"message\":\"network missing not found\"}")
            : r.Path.EndsWith("/bridge", StringComparison.Ordinal)
                ? FakeDaemon.RespondAsync(s, 403, "{\"message\":\"bridge is a pre-defined network and cannot be removed\"}")
                : s.WriteAsync("HTTP/1.1 204 No Content\r\n\r\n"u8.ToArray()).AsTask());
        var h = new CliHarness(daemon.Endpoint);
        Assert.Equal(1, await h.RunAsync("network", "rm", "a", "missing", "bridge", "b"));
        Assert.Equal("a\nb\n", h.Stdout);
        Assert.Equal("Error response from daemon: network missing not found\nError response from daemon: bridge is a pre-defined network and cannot be removed\nexit status 1\n", h.Stderr);
        Assert.All(daemon.Requests, q => Assert.Equal("DELETE", q.Method));

        var force = new CliHarness(daemon.Endpoint);
        Assert.Equal(0, await force.RunAsync("network", "remove", "-f", "missing", "a"));
        Assert.Equal("a\n", force.Stdout);
        Assert.Equal("", force.Stderr);
    }

    [Theory]
    [InlineData("n\n", false)]
    [InlineData("\n", false)]
    [InlineData("yes\n", false)]
    [InlineData("Y\n", true)]
    [InlineData(" y \n", true)]
    public async Task Prune_asks_first_and_only_y_confirms(string answer, bool pruned)
    {
        await using var daemon = new FakeDaemon((_, s) => FakeDaemon.RespondAsync(s, 200, "{\"NetworksDeleted\":[\"n1\",\"n2\"]}"));
        var h = new CliHarness(daemon.Endpoint, stdin: System.Text.Encoding.UTF8.GetBytes(answer));
        Assert.Equal(0, await h.RunAsync("network", "prune"));
        const string prompt = "WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] ";
        Assert.Equal(pruned ? prompt + "Deleted Networks:\nn1\nn2\n\n" : prompt, h.Stdout);
        Assert.Equal(pruned ? 1 : 0, daemon.Requests.Count(r => r.Path.EndsWith("/networks/prune", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Prune_prints_nothing_when_nothing_was_removed()
    {
        await using var daemon = new FakeDaemon((_, s) => FakeDaemon.RespondAsync(s, 200, "{\"NetworksDeleted\":null}"));
        var h = new CliHarness(daemon.Endpoint);
        Assert.Equal(0, await h.RunAsync("network", "prune", "-f"));
        Assert.Equal("", h.Stdout);
    }

    [Fact]
    public async Task Network_inspect_template_errors_exit_64()
    {
        var h = new CliHarness();
        Assert.Equal(64, await h.RunAsync("network", "inspect", "-f", "{{", "n"));
        Assert.Equal("template parsing error: template: :1: unclosed action\n", h.Stderr);
    }

    private static readonly Dictionary<string, List<PortBinding>?> Published = new()
    {
        ["80/tcp"] = [new PortBinding { HostIp = "0.0.0.0", HostPort = "8080" }, new PortBinding { HostIp = "::", HostPort = "8080" }],
        ["9/udp"] = [new PortBinding { HostIp = "127.0.0.1", HostPort = "9009" }],
        ["443/tcp"] = null,
    };

    [Fact]
    public void Port_lists_every_binding_in_natural_order() =>
        Assert.Equal(["9/udp -> 127.0.0.1:9009", "80/tcp -> 0.0.0.0:8080", "80/tcp -> [::]:8080"], PortCommand.Lines(Published, "web", null));

    [Fact]
    public void Port_of_one_port_lists_its_host_addresses() =>
        Assert.Equal(["0.0.0.0:8080", "[::]:8080"], PortCommand.Lines(Published, "web", "80"));

    [Theory]
    [InlineData("443", "Error: No public port '443' published for web")]
    [InlineData("80/udp", "Error: No public port '80/udp' published for web")]
    [InlineData("abc", "Error: invalid port (abc): strconv.ParseUint: parsing \"abc\": invalid syntax")]
    [InlineData("70000/tcp", "Error: invalid port (70000): strconv.ParseUint: parsing \"70000\": value out of range")]
    public void Port_errors_read_as_docker(string port, string message)
    {
        var ex = Assert.Throws<CliError>(() => PortCommand.Lines(Published, "web", port));
        Assert.Equal(message, ex.Text);
        Assert.Equal(1, ex.ExitCode);
    }

    [Theory]
    [InlineData("net2", "net10", true)]
    [InlineData("net10", "net2", false)]
    [InlineData("a", "b", true)]
    [InlineData("1abc", "abc", true)]
    [InlineData("net02", "net2", false)]
    [InlineData("net2", "net02", true)]
    [InlineData("same", "same", false)]
    [InlineData("ab", "abc", true)]
    public void Natural_order_compares_numbers_by_value(string a, string b, bool less) => Assert.Equal(less, NaturalOrder.Less(a, b));

    [Theory]
    [InlineData("2026-11-24T15:51:47.075678206Z", "2026-11-24 15:51:47.075678206 +0000 UTC")]
    [InlineData("2026-11-24T15:51:47.5000Z", "2026-11-24 15:51:47.5 +0000 UTC")]
    [InlineData("2026-11-24T15:51:47Z", "2026-11-24 15:51:47 +0000 UTC")]
    [InlineData("2026-11-24T15:51:47.1+01:00", "2026-11-24 15:51:47.1 +0100 +0100")]
    public void Created_times_print_as_go_does(string rfc3339, string go) => Assert.Equal(go, GoTime.FromRfc3339(rfc3339));
}
