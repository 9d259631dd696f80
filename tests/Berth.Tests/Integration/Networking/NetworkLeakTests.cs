using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Networking;

/// <summary>
/// Nothing of a container's networking outlives it: no veth on the bridge, no DNAT element, no held
/// port, no address in use — after rm, rm -f, and a berthd killed and restarted in between.
/// </summary>
public sealed class NetworkLeakTests : IAsyncLifetime
{
    private BerthDaemon D = null!;

    public async Task InitializeAsync()
    {
        D = await BerthDaemon.StartAsync();
        var r = await D.BerthWithInput(TestImages.BusyboxTar, "import", "-c", "CMD [\"sh\"]", "-", "busybox:latest");
        Assert.Equal(0, r.ExitCode);
    }

    public async Task DisposeAsync() => await D.DisposeAsync();

    private async Task AssertCleanAsync(int port)
    {
        await NetworkProbe.WaitUntilAsync(() => Task.FromResult(BerthDaemon.BridgePorts(D.DefaultBridge).Count == 0), $"no veth left on {D.DefaultBridge}");
        Assert.Equal("", await NetworkProbe.PublishedElementsAsync(D));
        Assert.True(NetworkProbe.PortIsFree(port), $"port {port} is still held");
    }

    [Fact]
    public async Task Rm_and_rm_force_and_a_daemon_restart_leave_nothing_behind()
    {
        Assert.Contains("map published", await NetworkProbe.RulesetAsync(D));
        var port = NetworkProbe.FreePort();

        // rm of a stopped container.
        await D.BerthOk("run", "-d", "--name", "leak-a", "-p", $"{port}:80", "busybox", "sleep", "60");
        Assert.Single(BerthDaemon.BridgePorts(D.DefaultBridge));
        Assert.Contains($"tcp . {port} :", await NetworkProbe.PublishedElementsAsync(D));
        await D.BerthOk("stop", "-t", "0", "leak-a");
        await D.BerthOk("rm", "leak-a");
        await AssertCleanAsync(port);

        // rm -f of a running one.
        await D.BerthOk("run", "-d", "--name", "leak-b", "-p", $"{port}:80", "busybox", "sleep", "60");
        await D.BerthOk("rm", "-f", "leak-b");
        await AssertCleanAsync(port);

        // berthd killed while the container runs: it keeps running and keeps its port after the restart…
        var idC = (await D.BerthOk("run", "-d", "--name", "leak-c", "-p", $"{port}:80", "busybox", "sh", "-c", "echo survived > /tmp/index.html; exec httpd -f -p 80 -h /tmp")).Trim();
        var ip = await D.WaitForInspectAsync("leak-c", "{{.NetworkSettings.Networks.bridge.IPAddress}}", v => v.Length > 0);
        await D.KillAsync();
        // A daemon that is gone holds no port; the container's namespace and veth are its own.
        await D.StartProcessAsync();
        Assert.Equal("survived\n", await NetworkProbe.GetAsync("127.0.0.1", port, "/index.html"));
        Assert.False(NetworkProbe.PortIsFree(port));
        // …and its address is not handed out twice.
        var other = await D.BerthOk("run", "--rm", "busybox", "ip", "-4", "-o", "addr", "show", "eth0");
        Assert.DoesNotContain($"inet {ip}/", other);

        // A container that dies while berthd is down is cleaned up when berthd comes back.
        await D.KillAsync();
        var pid = int.Parse((await File.ReadAllTextAsync(Path.Combine(D.DataRoot, "containers", idC, "container.pid"))).Trim());
        System.Diagnostics.Process.GetProcessById(pid).Kill();
        await D.StartProcessAsync();
        await D.WaitForInspectAsync("leak-c", "{{.State.Status}}", v => v == "exited");
        await D.BerthOk("rm", "leak-c");
        await AssertCleanAsync(port);
    }

    [Fact]
    public async Task A_restarted_daemon_rebuilds_its_bridges_and_rules_from_the_store()
    {
        await D.BerthOk("network", "create", "--subnet", "10.213.240.0/24", "leak-user");
        var userBridge = BerthDaemon.HostLinks().Single(l => l.StartsWith(D.NetworkPrefix + "-", StringComparison.Ordinal));
        await D.KillAsync();
        // Everything on the host side goes away while berthd is down (as after a reboot).
        await ProcessRunner.RunAsync("ip", ["link", "del", D.DefaultBridge]);
        await ProcessRunner.RunAsync("ip", ["link", "del", userBridge]);
        await ProcessRunner.RunAsync("nft", ["delete", "table", "ip", D.NetworkPrefix]);
        Assert.DoesNotContain(D.DefaultBridge, BerthDaemon.HostLinks());
        // And a bridge left by a crash between making it and storing its network.
        var orphan = D.NetworkPrefix + "-orph";
        await ProcessRunner.RunAsync("ip", ["link", "add", orphan, "type", "bridge"]);
        Assert.Contains(orphan, BerthDaemon.HostLinks());

        await D.StartProcessAsync();

        Assert.DoesNotContain(orphan, BerthDaemon.HostLinks());

        Assert.Contains(D.DefaultBridge, BerthDaemon.HostLinks());
        Assert.Contains(userBridge, BerthDaemon.HostLinks());
        var table = await NetworkProbe.RulesetAsync(D);
        Assert.Contains("10.213.240.0/24", table);
        var port = NetworkProbe.FreePort();
        await D.BerthOk("run", "-d", "--name", "after-restart", "--network", "leak-user", "-p", $"{port}:80", "busybox", "sh", "-c", "echo rebuilt > /tmp/index.html; exec httpd -f -p 80 -h /tmp");
        Assert.Equal("rebuilt\n", await NetworkProbe.GetAsync("127.0.0.1", port, "/index.html"));
        await D.BerthOk("rm", "-f", "after-restart");
        await D.BerthOk("network", "rm", "leak-user");
        Assert.DoesNotContain(userBridge, BerthDaemon.HostLinks());
        Assert.DoesNotContain("10.213.240.0/24", await NetworkProbe.RulesetAsync(D));
    }

    [Fact]
    public async Task The_embedded_dns_answers_again_after_a_daemon_restart()
    {
        await D.BerthOk("network", "create", "--subnet", "10.213.241.0/24", "dns-restart");
        await D.BerthOk("run", "-d", "--name", "dns-a", "--network", "dns-restart", "busybox", "sleep", "120");
        await D.BerthOk("run", "-d", "--name", "dns-b", "--network", "dns-restart", "busybox", "sleep", "120");
        var ip = await D.WaitForInspectAsync("dns-b", "{{(index .NetworkSettings.Networks \"dns-restart\").IPAddress}}", v => v.Length > 0);

        await D.KillAsync();
        await D.StartProcessAsync();

        Assert.Contains($"Address: {ip}", await D.BerthOk("exec", "dns-a", "nslookup", "dns-b"));
        // Names that are not containers' still go to the servers the container started with.
        var host = System.Net.Dns.GetHostAddresses("deb.debian.org").First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
        Assert.Contains(host.ToString(), await D.BerthOk("exec", "dns-a", "nslookup", "deb.debian.org"));
        await D.BerthOk("rm", "-f", "dns-a", "dns-b");
        await D.BerthOk("network", "rm", "dns-restart");
    }
}
