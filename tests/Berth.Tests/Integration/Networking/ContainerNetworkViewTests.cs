using System.Text.Json;
using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Networking;

/// <summary>
/// How containers show their networks and ports: inspect's NetworkSettings in Docker 28's shape,
/// ps's PORTS column and its network/expose/publish filters, and `port`.
/// </summary>
public sealed class ContainerNetworkViewTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    [Fact]
    public async Task A_running_container_shows_its_exposed_ports_unpublished()
    {
        try
        {
            await D.BerthOk("run", "-d", "--name", "pv", "--expose", "8000-8002", "--expose", "53/udp", "busybox", "sleep", "60");

            var settings = JsonDocument.Parse(await D.BerthOk("inspect", "-f", "{{json .NetworkSettings}}", "pv")).RootElement;
            Assert.Equal(["Bridge", "SandboxID", "SandboxKey", "Ports", "HairpinMode", "LinkLocalIPv6Address", "LinkLocalIPv6PrefixLen",
                "SecondaryIPAddresses", "SecondaryIPv6Addresses", "EndpointID", "Gateway", "GlobalIPv6Address", "GlobalIPv6PrefixLen",
                "IPAddress", "IPPrefixLen", "IPv6Gateway", "MacAddress", "Networks"], settings.EnumerateObject().Select(p => p.Name));
            Assert.Equal("""{"53/udp":null,"8000/tcp":null,"8001/tcp":null,"8002/tcp":null}""", JsonSerializer.Serialize(settings.GetProperty("Ports")));
            var bridgeId = (await D.BerthOk("network", "inspect", "-f", "{{.Id}}", "bridge")).Trim();
            Assert.Equal(bridgeId, settings.GetProperty("Networks").GetProperty("bridge").GetProperty("NetworkID").GetString());

            Assert.Equal("53/udp, 8000-8002/tcp\n", await D.BerthOk("ps", "-f", "name=pv", "--format", "{{.Ports}}"));
            Assert.Equal("53/udp, 8000-8002/tcp\n", await D.DockerOk("ps", "-f", "name=pv", "--format", "{{.Ports}}"));
            Assert.Equal("bridge\n", await D.DockerOk("ps", "-f", "name=pv", "--format", "{{.Networks}}"));

            Assert.Equal("pv\n", await D.BerthOk("ps", "-f", "expose=8001", "--format", "{{.Names}}"));
            Assert.Equal("pv\n", await D.BerthOk("ps", "-f", "expose=50-60/udp", "--format", "{{.Names}}"));
            Assert.Equal("", await D.BerthOk("ps", "-f", "expose=8001/udp", "--format", "{{.Names}}"));
            Assert.Equal("", await D.BerthOk("ps", "-f", "publish=8001", "--format", "{{.Names}}"));
            Assert.Equal("pv\n", await D.DockerOk("ps", "-f", "network=bridge", "--format", "{{.Names}}"));
            Assert.Equal("pv\n", await D.BerthOk("ps", "-f", $"network={bridgeId[..8]}", "--format", "{{.Names}}"));
            Assert.Equal("", await D.BerthOk("ps", "-f", "network=host", "--format", "{{.Names}}"));
            var badPublish = await D.Berth("ps", "-f", "publish=80:80");
            Assert.Equal(1, badPublish.ExitCode);
            Assert.Equal("Error response from daemon: filter for 'publish' should not contain ':': 80:80\n", badPublish.Stderr);

            Assert.Equal("", await D.BerthOk("port", "pv"));
            foreach (var cli in new[] { "berth", "docker" })
            {
                var port = cli == "berth" ? await D.Berth("port", "pv", "8000") : await D.Docker("port", "pv", "8000");
                Assert.Equal(1, port.ExitCode);
                Assert.Equal("Error: No public port '8000' published for pv\n", port.Stderr);
            }
            var invalid = await D.Berth("container", "port", "pv", "http");
            Assert.Equal("Error: invalid port (http): strconv.ParseUint: parsing \"http\": invalid syntax\n", invalid.Stderr);
            Assert.Equal("Error response from daemon: No such container: nosuch\n", (await D.Berth("port", "nosuch")).Stderr);

            await D.BerthOk("stop", "-t", "0", "pv");
            Assert.Equal("{}", await D.InspectAsync("pv", "{{json .NetworkSettings.Ports}}"));
            Assert.Equal("\n", await D.BerthOk("ps", "-a", "-f", "name=pv", "--format", "{{.Ports}}"));
        }
        finally
        {
            await D.Berth("rm", "-f", "pv");
        }
    }

    [Fact]
    public async Task Host_and_none_containers_show_their_predefined_network()
    {
        try
        {
            await D.BerthOk("create", "--name", "on-host", "--network", "host", "--expose", "80", "busybox", "true");
            await D.BerthOk("create", "--name", "on-none", "--network", "none", "busybox", "true");
            var hostId = (await D.BerthOk("network", "inspect", "-f", "{{.Id}}", "host")).Trim();
            var noneId = (await D.BerthOk("network", "inspect", "-f", "{{.Id}}", "none")).Trim();
            Assert.Equal(hostId, await D.InspectAsync("on-host", "{{.NetworkSettings.Networks.host.NetworkID}}"));
            Assert.Equal(noneId, await D.InspectAsync("on-none", "{{.NetworkSettings.Networks.none.NetworkID}}"));
            Assert.Equal("host", await D.InspectAsync("on-host", "{{.HostConfig.NetworkMode}}"));
            Assert.Equal("{}", await D.InspectAsync("on-host", "{{json .NetworkSettings.Ports}}"));
            Assert.Equal("on-host\n", await D.DockerOk("ps", "-a", "-f", "network=host", "--format", "{{.Names}}"));
            Assert.Equal("on-none none\n", await D.BerthOk("ps", "-a", "-f", "network=none", "--format", "{{.Names}} {{.Networks}}"));
        }
        finally
        {
            await D.Berth("rm", "-f", "on-host", "on-none");
        }
    }

    [Fact]
    public async Task Network_flags_that_docker_checks_itself_fail_before_create()
    {
        var alias = await D.Berth("run", "--network-alias", "a", "busybox", "true");
        Assert.Equal(125, alias.ExitCode);
        Assert.Equal("berth: network-scoped aliases are only supported for user-defined networks\n\nRun 'berth run --help' for more information\n", alias.Stderr);
        var mac = await D.Docker("create", "--mac-address", "nope", "busybox");
        Assert.Equal(125, mac.ExitCode);
        Assert.StartsWith("docker: nope is not a valid mac address", mac.Stderr);
        Assert.Equal("", await D.BerthOk("ps", "-a", "-q"));
    }
}
