using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Networking;

/// <summary>The default bridge: an address from its subnet, a route out through NAT, the container's own /etc/hosts line.</summary>
public sealed class DefaultBridgeTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    [Fact]
    public async Task A_container_gets_an_address_on_the_bridge_and_a_default_route_through_its_gateway()
    {
        var subnet = (await D.BerthOk("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}", "bridge")).Trim().Split(' ');
        var gateway = subnet[1];

        var output = await D.BerthOk("run", "--rm", "--hostname", "box1", "busybox", "sh", "-c",
            "ip -4 -o addr show eth0; ip route; grep box1 /etc/hosts; ping -c1 -W2 " + gateway + " >/dev/null && echo gateway-ok");

        var address = System.Text.RegularExpressions.Regex.Match(output, @"inet (\d+\.\d+\.\d+\.\d+)/(\d+)");
        Assert.True(address.Success, output);
        Assert.StartsWith(gateway[..gateway.LastIndexOf('.')], address.Groups[1].Value);
        Assert.Contains($"default via {gateway} dev eth0", output);
        Assert.Contains($"{address.Groups[1].Value}\tbox1", output);
        Assert.Contains("gateway-ok", output);
        Assert.Contains(D.DefaultBridge, BerthDaemon.HostLinks());
    }

    [Fact]
    public async Task Containers_on_the_bridge_reach_each_other_and_the_host_by_address()
    {
        await D.BerthOk("run", "-d", "--name", "peer-srv", "busybox", "sh", "-c", "echo peer-page > /tmp/index.html; exec httpd -f -p 80 -h /tmp");
        try
        {
            var ip = await D.WaitForInspectAsync("peer-srv", "{{.NetworkSettings.Networks.bridge.IPAddress}}", v => v.Length > 0);
            Assert.Equal("peer-page\n", await D.BerthOk("run", "--rm", "busybox", "wget", "-qO-", $"http://{ip}/index.html"));
        }
        finally
        {
            await D.Berth("rm", "-f", "peer-srv");
        }
    }

    [Fact]
    public async Task Add_host_with_host_gateway_names_the_bridge_gateway()
    {
        var gateway = (await D.BerthOk("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Gateway}}{{end}}", "bridge")).Trim();

        var hosts = await D.BerthOk("run", "--rm", "--add-host", "host.docker.internal:host-gateway", "--add-host", "db:10.1.2.3", "busybox", "cat", "/etc/hosts");

        Assert.Contains($"{gateway}\thost.docker.internal\n", hosts);
        Assert.Contains("10.1.2.3\tdb\n", hosts);
    }

    [Fact]
    public async Task Network_container_mode_shares_the_other_containers_interfaces()
    {
        await D.BerthOk("run", "-d", "--name", "ns-owner", "busybox", "sleep", "60");
        try
        {
            var ip = await D.WaitForInspectAsync("ns-owner", "{{.NetworkSettings.Networks.bridge.IPAddress}}", v => v.Length > 0);
            var inside = await D.BerthOk("run", "--rm", "--network", "container:ns-owner", "busybox", "ip", "-4", "-o", "addr", "show", "eth0");
            Assert.Contains($"inet {ip}/", inside);
        }
        finally
        {
            await D.Berth("rm", "-f", "ns-owner");
        }
    }

    [Fact]
    public async Task Network_container_mode_needs_a_running_container()
    {
        await D.BerthOk("create", "--name", "ns-stopped", "busybox", "true");

        var r = await D.Berth("run", "--rm", "--network", "container:ns-stopped", "busybox", "true");

        Assert.Equal(125, r.ExitCode);
        Assert.Contains("cannot join network namespace of a non running container", r.Stderr);
        await D.BerthOk("rm", "ns-stopped");
    }

    [Fact]
    public async Task Unknown_network_is_refused_by_run()
    {
        var r = await D.Berth("run", "--network", "no-such-net", "busybox", "true");

        Assert.Equal(125, r.ExitCode);
        Assert.Contains("network no-such-net not found", r.Stderr);
    }

    [Fact]
    public async Task Egress_is_nated_out_of_the_host()
    {
        // The Debian mirror is the one outside service reachable here. Its proxy may close a
        // connection whose request arrives together with the client's FIN, so nc's input stays
        // open a moment after the request.
        var mirror = System.Net.Dns.GetHostAddresses("deb.debian.org").First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);

        var output = await D.BerthOk("run", "--rm", "busybox", "sh", "-c", $"(printf 'HEAD /debian/ HTTP/1.0\\r\\nHost: deb.debian.org\\r\\n\\r\\n'; sleep 1) | nc -w5 {mirror} 80 | head -1");

        Assert.StartsWith("HTTP/1.", output);
    }

    [Fact]
    public async Task Dns_flags_shape_the_containers_resolv_conf()
    {
        var resolv = await D.BerthOk("run", "--rm", "--dns", "10.9.8.7", "--dns-search", "example.test", "--dns-option", "ndots:3", "busybox", "cat", "/etc/resolv.conf");

        Assert.Contains("nameserver 10.9.8.7\n", resolv);
        Assert.DoesNotContain("127.0.0.11", resolv);
        Assert.Contains("search example.test\n", resolv);
        Assert.Contains("options ndots:3", resolv);
    }

    [Fact]
    public async Task On_a_user_network_the_embedded_dns_forwards_to_the_dns_flag()
    {
        await D.BerthOk("network", "create", "db-dnsnet");
        try
        {
            var resolv = await D.BerthOk("run", "--rm", "--network", "db-dnsnet", "--dns", "10.9.8.7", "busybox", "cat", "/etc/resolv.conf");

            Assert.Contains("nameserver 127.0.0.11\n", resolv);
            Assert.DoesNotContain("nameserver 10.9.8.7", resolv);
            Assert.Contains("10.9.8.7", resolv); // the "# ExtServers:" record of the upstream
        }
        finally
        {
            await D.Berth("network", "rm", "db-dnsnet");
        }
    }
}
