using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Networking;

/// <summary>
/// User-defined bridge networks with real traffic: names resolve through the embedded DNS
/// (127.0.0.11) on the same network and nowhere else, networks are isolated from each other,
/// --internal ones have no way out, connect/disconnect change a running container's interfaces.
/// </summary>
public sealed class UserNetworkTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    private static readonly string[] Web = ["busybox", "sh", "-c", "echo \"page of $(hostname)\" > /tmp/index.html; exec httpd -f -p 80 -h /tmp"];

    private async Task<string> IpOn(string container, string network) =>
        await D.WaitForInspectAsync(container, $"{{{{(index .NetworkSettings.Networks \"{network}\").IPAddress}}}}", v => v.Length > 0);

    [Fact]
    public async Task Containers_on_a_user_network_reach_each_other_by_name_alias_and_short_id()
    {
        await D.BerthOk("network", "create", "un-app");
        try
        {
            var id = (await D.BerthOk(["run", "-d", "--name", "un-web", "--network", "un-app", "--network-alias", "www", "--hostname", "webhost", .. Web])).Trim();
            await IpOn("un-web", "un-app");

            var byName = await D.BerthOk("run", "--rm", "--network", "un-app", "busybox", "wget", "-qO-", "http://un-web/index.html");
            var byAlias = await D.BerthOk("run", "--rm", "--network", "un-app", "busybox", "wget", "-qO-", "http://www/index.html");
            var byShortId = await D.BerthOk("run", "--rm", "--network", "un-app", "busybox", "wget", "-qO-", $"http://{id[..12]}/index.html");
            var resolv = await D.BerthOk("run", "--rm", "--network", "un-app", "busybox", "cat", "/etc/resolv.conf");

            Assert.Equal("page of webhost\n", byName);
            Assert.Equal(byName, byAlias);
            Assert.Equal(byName, byShortId);
            Assert.Contains("nameserver 127.0.0.11", resolv);
            Assert.Equal("un-web www " + id[..12], (await D.InspectAsync("un-web", "{{range (index .NetworkSettings.Networks \"un-app\").DNSNames}}{{.}} {{end}}")).Trim());
        }
        finally
        {
            await D.Berth("rm", "-f", "un-web");
            await D.Berth("network", "rm", "un-app");
        }
    }

    [Fact]
    public async Task Names_are_not_resolved_across_networks_nor_on_the_default_bridge_and_networks_are_isolated()
    {
        await D.BerthOk("network", "create", "un-a");
        await D.BerthOk("network", "create", "un-b");
        try
        {
            await D.BerthOk(["run", "-d", "--name", "un-a-web", "--network", "un-a", .. Web]);
            var ip = await IpOn("un-a-web", "un-a");

            // From network b: the name is unknown and the address unreachable.
            var lookup = await D.Berth("run", "--rm", "--network", "un-b", "busybox", "nslookup", "un-a-web");
            Assert.DoesNotContain(ip, lookup.Stdout);
            var direct = await D.Berth("run", "--rm", "--network", "un-b", "busybox", "sh", "-c", $"(printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n'; sleep 1) | nc -w2 {ip} 80");
            Assert.DoesNotContain("page of", direct.Stdout);
            // The default bridge resolves no container names (Docker's legacy behaviour).
            var fromBridge = await D.Berth("run", "--rm", "busybox", "nslookup", "un-a-web");
            Assert.DoesNotContain(ip, fromBridge.Stdout);
            // The same request from network a works, so the failures above are isolation.
            Assert.Contains("page of", await D.BerthOk("run", "--rm", "--network", "un-a", "busybox", "sh", "-c", $"(printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n'; sleep 1) | nc -w2 {ip} 80"));
        }
        finally
        {
            await D.Berth("rm", "-f", "un-a-web");
            await D.Berth("network", "rm", "un-a", "un-b");
        }
    }

    [Fact]
    public async Task A_stopped_container_disappears_from_dns()
    {
        await D.BerthOk("network", "create", "un-dns");
        try
        {
            await D.BerthOk("run", "-d", "--name", "un-gone", "--network", "un-dns", "busybox", "sleep", "60");
            var ip = await IpOn("un-gone", "un-dns");
            Assert.Contains(ip, await D.BerthOk("run", "--rm", "--network", "un-dns", "busybox", "nslookup", "un-gone"));

            await D.BerthOk("stop", "-t", "0", "un-gone");

            var after = await D.Berth("run", "--rm", "--network", "un-dns", "busybox", "nslookup", "un-gone");
            Assert.DoesNotContain(ip, after.Stdout);
        }
        finally
        {
            await D.Berth("rm", "-f", "un-gone");
            await D.Berth("network", "rm", "un-dns");
        }
    }

    [Fact]
    public async Task An_internal_network_has_no_egress_but_its_containers_talk()
    {
        await D.BerthOk("network", "create", "--internal", "un-int");
        try
        {
            await D.BerthOk(["run", "-d", "--name", "un-int-web", "--network", "un-int", .. Web]);
            await IpOn("un-int-web", "un-int");
            var mirror = System.Net.Dns.GetHostAddresses("deb.debian.org").First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);

            Assert.Contains("page of", await D.BerthOk("run", "--rm", "--network", "un-int", "busybox", "wget", "-qO-", "http://un-int-web/index.html"));
            var routes = await D.BerthOk("run", "--rm", "--network", "un-int", "busybox", "ip", "route");
            Assert.DoesNotContain("default", routes);
            var egress = await D.Berth("run", "--rm", "--network", "un-int", "busybox", "sh", "-c", $"(printf 'HEAD /debian/ HTTP/1.0\\r\\nHost: deb.debian.org\\r\\n\\r\\n'; sleep 1) | nc -w3 {mirror} 80");
            Assert.DoesNotContain("HTTP/1.", egress.Stdout);
            // The same from the default bridge goes out: the block is the network's.
            Assert.Contains("HTTP/1.", await D.BerthOk("run", "--rm", "busybox", "sh", "-c", $"(printf 'HEAD /debian/ HTTP/1.0\\r\\nHost: deb.debian.org\\r\\n\\r\\n'; sleep 1) | nc -w5 {mirror} 80"));
        }
        finally
        {
            await D.Berth("rm", "-f", "un-int-web");
            await D.Berth("network", "rm", "un-int");
        }
    }

    [Fact]
    public async Task Connect_and_disconnect_change_a_running_containers_interfaces()
    {
        await D.BerthOk("network", "create", "--subnet", "10.213.250.0/24", "un-conn");
        try
        {
            await D.BerthOk("run", "-d", "--name", "un-multi", "busybox", "sleep", "60");
            await D.BerthOk("network", "connect", "--ip", "10.213.250.77", "--alias", "multi", "un-conn", "un-multi");

            var links = await D.BerthOk("exec", "un-multi", "ip", "-4", "-o", "addr");
            Assert.Contains("eth1", links);
            Assert.Contains("inet 10.213.250.77/24", links);
            Assert.Equal("10.213.250.77", await IpOn("un-multi", "un-conn"));
            Assert.Contains("10.213.250.77", await D.BerthOk("run", "--rm", "--network", "un-conn", "busybox", "nslookup", "multi"));

            Assert.Contains("nameserver 127.0.0.11", await D.BerthOk("exec", "un-multi", "cat", "/etc/resolv.conf"));

            await D.BerthOk("network", "disconnect", "un-conn", "un-multi");

            // Back on the default bridge alone: no embedded DNS any more, the host's resolvers again.
            Assert.DoesNotContain("127.0.0.11", await D.BerthOk("exec", "un-multi", "cat", "/etc/resolv.conf"));

            Assert.DoesNotContain("10.213.250.77", await D.BerthOk("exec", "un-multi", "ip", "-4", "-o", "addr"));
            Assert.Equal("bridge", await D.InspectAsync("un-multi", "{{range $name, $e := .NetworkSettings.Networks}}{{$name}}{{end}}"));
            var again = await D.Berth("network", "disconnect", "un-conn", "un-multi");
            Assert.NotEqual(0, again.ExitCode);
            Assert.Contains("is not connected to network un-conn", again.Stderr);
        }
        finally
        {
            await D.Berth("rm", "-f", "un-multi");
            await D.Berth("network", "rm", "un-conn");
        }
    }

    [Fact]
    public async Task Static_ip_and_mac_on_a_user_network_and_a_network_in_use_cannot_be_removed()
    {
        await D.BerthOk("network", "create", "--subnet", "10.213.251.0/24", "--gateway", "10.213.251.254", "un-static");
        try
        {
            await D.BerthOk("run", "-d", "--name", "un-st", "--network", "un-static", "--ip", "10.213.251.10", "--mac-address", "02:42:0a:00:00:99", "busybox", "sleep", "60");

            var addr = await D.BerthOk("exec", "un-st", "ip", "-o", "addr", "show", "eth0");
            Assert.Contains("inet 10.213.251.10/24", addr);
            Assert.Contains("02:42:0a:00:00:99", await D.BerthOk("exec", "un-st", "cat", "/sys/class/net/eth0/address"));
            Assert.Contains("default via 10.213.251.254", await D.BerthOk("exec", "un-st", "ip", "route"));
            var taken = await D.Berth("run", "--rm", "--network", "un-static", "--ip", "10.213.251.10", "busybox", "true");
            Assert.NotEqual(0, taken.ExitCode);
            Assert.Contains("Address already in use", taken.Stderr);
            var rm = await D.Berth("network", "rm", "un-static");
            Assert.NotEqual(0, rm.ExitCode);
            Assert.Contains("has active endpoints", rm.Stderr);
        }
        finally
        {
            await D.Berth("rm", "-f", "un-st");
            await D.Berth("network", "rm", "un-static");
        }
        Assert.DoesNotContain(BerthDaemon.HostLinks(), l => l.StartsWith(D.NetworkPrefix + "-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Docker_cli_creates_connects_and_inspects_networks()
    {
        await D.DockerOk("network", "create", "--subnet", "10.213.252.0/24", "un-docker");
        try
        {
            await D.DockerOk(["run", "-d", "--name", "un-dweb", "--network", "un-docker", .. Web]);
            await D.DockerOk("run", "-d", "--name", "un-dcli", "busybox", "sleep", "60");
            await D.DockerOk("network", "connect", "un-docker", "un-dcli");

            Assert.Equal("page of " + (await D.InspectAsync("un-dweb", "{{.Config.Hostname}}")) + "\n",
                await D.DockerOk("exec", "un-dcli", "wget", "-qO-", "http://un-dweb/index.html"));
            var inspect = await D.DockerOk("network", "inspect", "-f", "{{range .Containers}}{{.Name}} {{end}}", "un-docker");
            Assert.Contains("un-dweb", inspect);
            Assert.Contains("un-dcli", inspect);
            Assert.Contains("un-docker", await D.DockerOk("network", "ls", "--format", "{{.Name}}"));
        }
        finally
        {
            await D.Docker("rm", "-f", "un-dweb", "un-dcli");
            await D.Docker("network", "rm", "un-docker");
        }
    }

    [Theory]
    [InlineData("berth")]
    [InlineData("docker")]
    public async Task Run_with_several_networks_gets_an_interface_on_each(string cli)
    {
        var (a, b) = ("un-multi-a-" + cli, "un-multi-b-" + cli);
        var octet = cli == "berth" ? 246 : 247;
        await D.BerthOk("network", "create", "--subnet", $"10.213.{octet}.0/25", a);
        await D.BerthOk("network", "create", "--subnet", $"10.213.{octet}.128/25", b);
        try
        {
            var run = cli == "berth" ? D.Berth("run", "--rm", "--network", a, "--network", b, "busybox", "ip", "-4", "-o", "addr")
                : D.Docker("run", "--rm", "--network", a, "--network", b, "busybox", "ip", "-4", "-o", "addr");
            var r = await run;

            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Matches($@"eth0\s+inet 10\.213\.{octet}\.\d+/25", r.Stdout);
            Assert.Matches($@"eth1\s+inet 10\.213\.{octet}\.1\d\d/25", r.Stdout);
        }
        finally
        {
            await D.Berth("network", "rm", a, b);
        }
    }

    [Fact]
    public async Task Bridge_name_and_mtu_options_shape_the_linux_bridge()
    {
        var bridge = D.NetworkPrefix + "-cust";
        await D.BerthOk("network", "create", "-o", $"com.docker.network.bridge.name={bridge}", "-o", "com.docker.network.driver.mtu=1400", "un-opts");
        try
        {
            Assert.Contains(bridge, BerthDaemon.HostLinks());
            Assert.Equal("1400", (await File.ReadAllTextAsync($"/sys/class/net/{bridge}/mtu")).Trim());
            Assert.Contains("mtu 1400", await D.BerthOk("run", "--rm", "--network", "un-opts", "busybox", "ip", "link", "show", "eth0"));
        }
        finally
        {
            await D.Berth("network", "rm", "un-opts");
        }
        Assert.DoesNotContain(bridge, BerthDaemon.HostLinks());
    }
}
