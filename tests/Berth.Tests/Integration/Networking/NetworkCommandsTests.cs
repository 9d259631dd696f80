using System.Text.Json;
using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Networking;

/// <summary>
/// `network create/ls/inspect/rm/prune/connect/disconnect` with berth's CLI and docker's against a
/// berthd of their own: Docker's JSON, filters, formats, messages and exit codes. Every network a
/// test creates is removed again (bridges are host-wide); subnets are from 10.231.0.0/16, outside the
/// address pool of the test daemons (10.213.0.0/16).
/// </summary>
public sealed class NetworkCommandsTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    private async Task RemoveQuietly(params string[] networks)
    {
        foreach (var n in networks) await D.Berth("network", "rm", n);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Create_and_inspect_show_dockers_network_json()
    {
        try
        {
            var id = (await D.BerthOk("network", "create", "--subnet", "10.231.1.0/24", "--gateway", "10.231.1.254", "--ip-range", "10.231.1.128/25",
                "--label", "tier=web", "--label", "flag", "-o", "com.docker.network.driver.mtu=1400", "nt-web")).Trim();
            Assert.Matches("^[0-9a-f]{64}$", id);

            var inspect = JsonDocument.Parse(await D.BerthOk("network", "inspect", "nt-web")).RootElement;
            Assert.Equal(JsonValueKind.Array, inspect.ValueKind);
            var n = inspect[0];
            Assert.Equal(["Name", "Id", "Created", "Scope", "Driver", "EnableIPv4", "EnableIPv6", "IPAM", "Internal", "Attachable", "Ingress",
                "ConfigFrom", "ConfigOnly", "Containers", "Options", "Labels"], n.EnumerateObject().Select(p => p.Name));
            Assert.Equal("nt-web", n.GetProperty("Name").GetString());
            Assert.Equal(id, n.GetProperty("Id").GetString());
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", n.GetProperty("Created").GetString());
            Assert.Equal("local", n.GetProperty("Scope").GetString());
            Assert.Equal("bridge", n.GetProperty("Driver").GetString());
            Assert.True(n.GetProperty("EnableIPv4").GetBoolean());
            Assert.False(n.GetProperty("EnableIPv6").GetBoolean());
            Assert.Equal("""{"Driver":"default","Options":{},"Config":[{"Subnet":"10.231.1.0/24","IPRange":"10.231.1.128/25","Gateway":"10.231.1.254"}]}""",
                Compact(n.GetProperty("IPAM")));
            Assert.Equal("""{"Network":""}""", Compact(n.GetProperty("ConfigFrom")));
            Assert.Equal("{}", Compact(n.GetProperty("Containers")));
            Assert.Equal("""{"com.docker.network.driver.mtu":"1400"}""", Compact(n.GetProperty("Options")));
            Assert.Equal("""{"flag":"","tier":"web"}""", Compact(n.GetProperty("Labels")));

            // Without --subnet the engine picks one: inspect shows it with its gateway.
            await D.BerthOk("network", "create", "--internal", "--attachable", "nt-auto");
            var auto = JsonDocument.Parse(await D.DockerOk("network", "inspect", "nt-auto")).RootElement[0];
            Assert.True(auto.GetProperty("Internal").GetBoolean());
            Assert.True(auto.GetProperty("Attachable").GetBoolean());
            var config = auto.GetProperty("IPAM").GetProperty("Config")[0];
            Assert.Matches(@"^\d+\.\d+\.\d+\.\d+/\d+$", config.GetProperty("Subnet").GetString());
            Assert.Matches(@"^\d+\.\d+\.\d+\.1$", config.GetProperty("Gateway").GetString());

            Assert.Equal("10.231.1.0/24 10.231.1.254\n", await D.DockerOk("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}", id[..12]));
            Assert.Equal("bridge\n", await D.BerthOk("inspect", "--type", "network", "-f", "{{.Driver}}", "nt-web"));
        }
        finally
        {
            await RemoveQuietly("nt-web", "nt-auto");
        }
    }

    [Fact]
    public async Task Predefined_networks_are_listed_as_docker_lists_them()
    {
        var host = JsonDocument.Parse(await D.BerthOk("network", "inspect", "host")).RootElement[0];
        Assert.Equal("""{"Driver":"default","Options":null,"Config":null}""", Compact(host.GetProperty("IPAM")));
        var bridge = JsonDocument.Parse(await D.DockerOk("network", "inspect", "bridge")).RootElement[0];
        Assert.Equal(JsonValueKind.Null, bridge.GetProperty("IPAM").GetProperty("Options").ValueKind);
        Assert.Equal("true", bridge.GetProperty("Options").GetProperty("com.docker.network.bridge.default_bridge").GetString());

        var table = await D.BerthOk("network", "ls");
        Assert.Matches(@"^NETWORK ID +NAME +DRIVER +SCOPE\n[0-9a-f]{12} +bridge +bridge +local\n[0-9a-f]{12} +host +host +local\n[0-9a-f]{12} +none +null +local\n$", table);
        Assert.Equal(table, await D.DockerOk("network", "ls"));
    }

    [Fact]
    public async Task Ls_filters_formats_and_quiet()
    {
        try
        {
            var web = (await D.BerthOk("network", "create", "--label", "tier=web", "nt-ls-web")).Trim();
            var db = (await D.BerthOk("network", "create", "--label", "tier=db", "nt-ls-db")).Trim();

            Assert.Equal("nt-ls-db\nnt-ls-web\n", await D.BerthOk("network", "ls", "-f", "type=custom", "--format", "{{.Name}}"));
            Assert.Equal("bridge\nhost\nnone\n", await D.BerthOk("network", "ls", "-f", "type=builtin", "--format", "{{.Name}}"));
            Assert.Equal("nt-ls-web\n", await D.BerthOk("network", "ls", "-f", "label=tier=web", "--format", "{{.Name}}"));
            Assert.Equal("nt-ls-db\nnt-ls-web\n", await D.BerthOk("network", "ls", "-f", "label=tier", "--format", "{{.Name}}"));
            // name and id are regular expressions matched anywhere, as in Docker.
            Assert.Equal("nt-ls-db\n", await D.DockerOk("network", "ls", "-f", "name=ls-d", "--format", "{{.Name}}"));
            Assert.Equal("nt-ls-db\nnt-ls-web\n", await D.BerthOk("network", "ls", "-f", "name=^nt-", "--format", "{{.Name}}"));
            Assert.Equal($"{web[..12]}\n", await D.BerthOk("network", "ls", "-q", "-f", $"id={web[..10]}"));
            Assert.Equal($"{db}\n", await D.DockerOk("network", "ls", "-q", "--no-trunc", "-f", $"id={db}"));
            Assert.Equal("none\n", await D.BerthOk("network", "ls", "-f", "driver=null", "--format", "{{.Name}}"));
            Assert.Equal("nt-ls-db\nnt-ls-web\n", await D.BerthOk("network", "ls", "-f", "dangling=true", "--format", "{{.Name}}"));
            Assert.Equal("bridge\nhost\nnone\n", await D.DockerOk("network", "ls", "-f", "dangling=false", "--format", "{{.Name}}"));
            Assert.Equal("", await D.BerthOk("network", "ls", "-f", "scope=swarm", "-q"));

            var json = JsonDocument.Parse(Lines(await D.BerthOk("network", "ls", "--format", "json", "-f", "name=nt-ls-web"))[0]).RootElement;
            Assert.Equal(["CreatedAt", "Driver", "ID", "IPv4", "IPv6", "Internal", "Labels", "Name", "Scope"], json.EnumerateObject().Select(p => p.Name));
            Assert.Equal("tier=web", json.GetProperty("Labels").GetString());
            Assert.Equal("true", json.GetProperty("IPv4").GetString());
            Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC$", json.GetProperty("CreatedAt").GetString());
            Assert.Equal(Lines(await D.BerthOk("network", "ls", "--format", "json", "-f", "name=nt-ls-web"))[0],
                Lines(await D.DockerOk("network", "ls", "--format", "json", "-f", "name=nt-ls-web"))[0]);

            var bad = await D.Berth("network", "ls", "-f", "color=red");
            Assert.Equal(1, bad.ExitCode);
            Assert.Equal("Error response from daemon: invalid filter 'color'\n", bad.Stderr);
            var badType = await D.Docker("network", "ls", "-f", "type=other");
            Assert.Equal(1, badType.ExitCode);
            Assert.Equal("Error response from daemon: invalid filter: 'type'='other'\n", badType.Stderr);
            var badDangling = await D.Berth("network", "ls", "-f", "dangling=maybe");
            Assert.Equal("Error response from daemon: invalid value for filter 'dangling', must be \"true\" (or \"1\"), or \"false\" (or \"0\")\n", badDangling.Stderr);
        }
        finally
        {
            await RemoveQuietly("nt-ls-web", "nt-ls-db");
        }
    }

    [Fact]
    public async Task Create_errors_read_as_dockers()
    {
        try
        {
            await D.BerthOk("network", "create", "--subnet", "10.231.2.0/24", "nt-dup");
            foreach (var cli in new[] { "berth", "docker" })
            {
                var dup = cli == "berth" ? await D.Berth("network", "create", "nt-dup") : await D.Docker("network", "create", "nt-dup");
                Assert.Equal(1, dup.ExitCode);
                Assert.Equal("Error response from daemon: network with name nt-dup already exists\n", dup.Stderr);

                var overlap = cli == "berth" ? await D.Berth("network", "create", "--subnet", "10.231.2.128/25", "nt-overlap")
                    : await D.Docker("network", "create", "--subnet", "10.231.0.0/16", "nt-overlap");
                Assert.Equal(1, overlap.ExitCode);
                Assert.Equal("Error response from daemon: invalid pool request: Pool overlaps with other one on this address space\n", overlap.Stderr);

                var hostBits = cli == "berth" ? await D.Berth("network", "create", "--subnet", "10.231.3.1/24", "nt-bad")
                    : await D.Docker("network", "create", "--subnet", "10.231.3.1/24", "nt-bad");
                Assert.Equal(1, hostBits.ExitCode);
                Assert.Equal("Error response from daemon: invalid network config:\ninvalid subnet 10.231.3.1/24: it should be 10.231.3.0/24\n", hostBits.Stderr);

                var notCidr = cli == "berth" ? await D.Berth("network", "create", "--subnet", "10.231.3.0", "nt-bad")
                    : await D.Docker("network", "create", "--subnet", "10.231.3.0", "nt-bad");
                Assert.Equal("Error response from daemon: invalid network config:\ninvalid subnet 10.231.3.0: invalid CIDR block notation\n", notCidr.Stderr);

                // The client checks that a gateway lies in a given subnet before asking the daemon.
                var gateway = cli == "berth" ? await D.Berth("network", "create", "--subnet", "10.231.4.0/24", "--gateway", "10.231.5.1", "nt-bad")
                    : await D.Docker("network", "create", "--subnet", "10.231.4.0/24", "--gateway", "10.231.5.1", "nt-bad");
                Assert.Equal(1, gateway.ExitCode);
                Assert.Equal("no matching subnet for gateway 10.231.5.1\n", gateway.Stderr);

                var driver = cli == "berth" ? await D.Berth("network", "create", "-d", "nosuchdriver", "nt-bad") : await D.Docker("network", "create", "-d", "nosuchdriver", "nt-bad");
                Assert.Equal("Error response from daemon: plugin \"nosuchdriver\" not found\n", driver.Stderr);
            }

            // The daemon's own checks, for clients that do not check first.
            var (status, body) = await D.ApiAsync("POST", "/networks/create",
                """{"Name":"nt-bad","IPAM":{"Config":[{"Subnet":"10.231.6.0/24","Gateway":"10.231.7.1","IPRange":"10.231.6.1/28"}]}}""");
            Assert.Equal(400, status);
            Assert.Equal("invalid network config:\n* invalid ip-range 10.231.6.1/28: it should be 10.231.6.0/28\n* invalid gateway 10.231.7.1: parent subnet 10.231.6.0/24 doesn't contain this address",
                JsonDocument.Parse(body).RootElement.GetProperty("message").GetString());
            Assert.Equal(409, (await D.ApiAsync("POST", "/networks/create", """{"Name":"nt-dup"}""")).Status);
            Assert.Equal(403, (await D.ApiAsync("POST", "/networks/create", """{"Name":"nt-bad","IPAM":{"Config":[{"Subnet":"10.231.2.0/26"}]}}""")).Status);
            var swarm = await D.ApiAsync("POST", "/networks/create", """{"Name":"nt-bad","Scope":"swarm"}""");
            Assert.Equal(503, swarm.Status);
            Assert.Contains("This node is not a swarm manager.", swarm.Body);
            Assert.Equal("nt-dup\n", await D.BerthOk("network", "ls", "-f", "type=custom", "--format", "{{.Name}}"));
        }
        finally
        {
            await RemoveQuietly("nt-dup", "nt-overlap", "nt-bad");
        }
    }

    [Fact]
    public async Task Rm_reports_each_failure_and_exits_1()
    {
        foreach (var cli in new[] { "berth", "docker" })
        {
            var missing = cli == "berth" ? await D.Berth("network", "rm", "nosuch") : await D.Docker("network", "rm", "nosuch");
            Assert.Equal(1, missing.ExitCode);
            Assert.Equal("", missing.Stdout);
            Assert.Equal("Error response from daemon: network nosuch not found\nexit status 1\n", missing.Stderr);

            var predefined = cli == "berth" ? await D.Berth("network", "rm", "host", "bridge") : await D.Docker("network", "rm", "host", "bridge");
            Assert.Equal(1, predefined.ExitCode);
            Assert.Equal("Error response from daemon: host is a pre-defined network and cannot be removed\n"
                + "Error response from daemon: bridge is a pre-defined network and cannot be removed\nexit status 1\n", predefined.Stderr);

            var forced = cli == "berth" ? await D.Berth("network", "rm", "-f", "nosuch") : await D.Docker("network", "rm", "-f", "nosuch");
            Assert.Equal(0, forced.ExitCode);
            Assert.Equal("", forced.Stderr);
        }

        await D.BerthOk("network", "create", "nt-rm");
        var mixed = await D.Berth("network", "remove", "nosuch", "nt-rm");
        Assert.Equal(1, mixed.ExitCode);
        Assert.Equal("nt-rm\n", mixed.Stdout);
        Assert.Equal("", await D.BerthOk("network", "ls", "-q", "-f", "type=custom"));

        var inspect = await D.Berth("network", "inspect", "nosuch");
        Assert.Equal(1, inspect.ExitCode);
        Assert.Equal("[]\n", inspect.Stdout);
        Assert.Equal("Error response from daemon: network nosuch not found\n", inspect.Stderr);
        var docker = await D.Docker("network", "inspect", "nosuch");
        Assert.Equal((1, "[]\n", inspect.Stderr), (docker.ExitCode, docker.Stdout, docker.Stderr));
        Assert.Equal("Error: No such object: nosuch\n", (await D.Berth("inspect", "nosuch")).Stderr);
        Assert.Equal(64, (await D.Berth("network", "inspect", "-f", "{{", "bridge")).ExitCode);
    }

    [Fact]
    public async Task Prune_removes_unused_custom_networks_matching_the_filters()
    {
        try
        {
            await D.BerthOk("network", "create", "--label", "keep=1", "nt-keep");
            await D.BerthOk("network", "create", "--label", "tier=x", "nt-tier");

            var declined = await D.BerthWithInput("n\n"u8.ToArray(), "network", "prune");
            Assert.Equal(0, declined.ExitCode);
            Assert.Equal("WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] ", declined.Stdout);
            Assert.Equal("nt-keep\nnt-tier\n", await D.BerthOk("network", "ls", "-f", "type=custom", "--format", "{{.Name}}"));

            Assert.Equal("", await D.BerthOk("network", "prune", "-f", "--filter", "until=2001-01-01T00:00:00Z"));
            Assert.Equal("Deleted Networks:\nnt-tier\n\n", await D.BerthOk("network", "prune", "-f", "--filter", "label=tier=x"));
            Assert.Equal("", await D.DockerOk("network", "prune", "-f", "--filter", "label!=keep=1"));
            Assert.Equal("Deleted Networks:\nnt-keep\n\n", await D.DockerOk("network", "prune", "-f", "--filter", "until=2099-01-01T00:00:00Z"));
            Assert.Equal("bridge\nhost\nnone\n", await D.BerthOk("network", "ls", "--format", "{{.Name}}"));

            var badFilter = await D.Berth("network", "prune", "-f", "--filter", "color=red");
            Assert.Equal(1, badFilter.ExitCode);
            Assert.Equal("Error response from daemon: invalid filter 'color'\n", badFilter.Stderr);
            var twoUntils = await D.Docker("network", "prune", "-f", "--filter", "until=1m", "--filter", "until=2m");
            Assert.Equal("Error response from daemon: more than one until filter specified\n", twoUntils.Stderr);
        }
        finally
        {
            await RemoveQuietly("nt-keep", "nt-tier");
        }
    }

    [Fact]
    public async Task Connect_and_disconnect_name_the_missing_container_or_network()
    {
        try
        {
            await D.BerthOk("network", "create", "nt-conn");
            await D.BerthOk("create", "--name", "conn-c", "busybox", "true");
            foreach (var cli in new[] { "berth", "docker" })
            {
                async Task<ProcessResult> Run(params string[] args) => cli == "berth" ? await D.Berth(args) : await D.Docker(args);
                var noContainer = await Run("network", "connect", "nt-conn", "nosuch");
                Assert.Equal(1, noContainer.ExitCode);
                Assert.Equal("Error response from daemon: No such container: nosuch\n", noContainer.Stderr);
                var noNetwork = await Run("network", "connect", "nosuchnet", "conn-c");
                Assert.Equal(1, noNetwork.ExitCode);
                Assert.Equal("Error response from daemon: network nosuchnet not found\n", noNetwork.Stderr);
                var disconnect = await Run("network", "disconnect", "-f", "nosuchnet", "conn-c");
                Assert.Equal("Error response from daemon: network nosuchnet not found\n", disconnect.Stderr);
            }
            var usage = await D.Berth("network", "connect", "nt-conn");
            Assert.Equal(1, usage.ExitCode);
            Assert.StartsWith("berth: 'berth network connect' requires 2 arguments", usage.Stderr);
        }
        finally
        {
            await D.Berth("rm", "-f", "conn-c");
            await RemoveQuietly("nt-conn");
        }
    }

    private static string Compact(JsonElement e) => JsonSerializer.Serialize(e);
}
