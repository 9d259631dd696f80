using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Networking;

/// <summary>-p and -P: reached from the host on 127.0.0.1 and its own address, and from other containers; ports are exclusive and freed.</summary>
public sealed class PublishedPortTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    private static readonly string[] Web = ["busybox", "sh", "-c", "echo published-page > /tmp/index.html; exec httpd -f -p 80 -h /tmp"];

    [Fact]
    public async Task A_published_port_is_reached_on_loopback_on_the_host_address_and_from_another_container()
    {
        var port = NetworkProbe.FreePort();
        await D.BerthOk(["run", "-d", "--name", "pub-web", "-p", $"{port}:80", .. Web]);
        try
        {
            Assert.Equal("published-page\n", await NetworkProbe.GetAsync("127.0.0.1", port, "/index.html"));
            var host = NetworkProbe.HostAddress();
            Assert.Equal("published-page\n", await NetworkProbe.GetAsync(host, port, "/index.html"));
            Assert.Equal("published-page\n", await D.BerthOk("run", "--rm", "busybox", "wget", "-qO-", $"http://{host}:{port}/index.html"));
            Assert.Equal($"0.0.0.0:{port}", (await D.InspectAsync("pub-web", "{{range $p, $b := .NetworkSettings.Ports}}{{range $b}}{{.HostIp}}:{{.HostPort}}{{end}}{{end}}")));
        }
        finally
        {
            await D.Berth("rm", "-f", "pub-web");
        }
    }

    [Fact]
    public async Task A_taken_host_port_fails_the_start_with_dockers_error_and_stop_frees_it()
    {
        var port = NetworkProbe.FreePort();
        await D.BerthOk(["run", "-d", "--name", "pub-first", "-p", $"{port}:80", .. Web]);
        await NetworkProbe.GetAsync("127.0.0.1", port, "/index.html");
        Assert.False(NetworkProbe.PortIsFree(port));

        var second = await D.Berth("run", "-d", "--name", "pub-second", "-p", $"{port}:80", "busybox", "sleep", "30");

        Assert.Equal(125, second.ExitCode);
        Assert.Contains($"Bind for 0.0.0.0:{port} failed: port is already allocated", second.Stderr);
        Assert.Equal("created", await D.InspectAsync("pub-second", "{{.State.Status}}"));
        // The first container is untouched by the failed start.
        Assert.Equal("published-page\n", await NetworkProbe.GetAsync("127.0.0.1", port, "/index.html"));

        await D.BerthOk("stop", "-t", "1", "pub-first");
        Assert.True(NetworkProbe.PortIsFree(port));
        Assert.DoesNotContain($". {port} :", await NetworkProbe.PublishedElementsAsync(D));

        // Now the second one can have it.
        await D.BerthOk("start", "pub-second");
        Assert.False(NetworkProbe.PortIsFree(port));
        await D.Berth("rm", "-f", "pub-first", "pub-second");
        Assert.True(NetworkProbe.PortIsFree(port));
    }

    [Fact]
    public async Task Ephemeral_and_address_bound_ports_and_publish_all()
    {
        var id = (await D.BerthOk(["run", "-d", "--name", "pub-eph", "--expose", "81", "-P", "-p", "127.0.0.1::80", .. Web])).Trim();
        try
        {
            var bindings = await D.InspectAsync(id, "{{range $p, $b := .NetworkSettings.Ports}}{{$p}}={{range $b}}{{.HostIp}}:{{.HostPort}}{{end}};{{end}}");
            var match80 = System.Text.RegularExpressions.Regex.Match(bindings, @"80/tcp=127\.0\.0\.1:(\d+);");
            Assert.True(match80.Success, bindings);
            Assert.Matches(@"81/tcp=0\.0\.0\.0:\d+;", bindings);
            var port80 = int.Parse(match80.Groups[1].Value);
            Assert.Equal("published-page\n", await NetworkProbe.GetAsync("127.0.0.1", port80, "/index.html"));
            // Bound to 127.0.0.1 only: the host's other address does not answer on it.
            var other = await ProcessRunner.RunAsync("curl", ["-s", "-m", "2", $"http://{NetworkProbe.HostAddress()}:{port80}/index.html"]);
            Assert.NotEqual(0, other.ExitCode);
        }
        finally
        {
            await D.Berth("rm", "-f", id);
        }
    }

    [Fact]
    public async Task Docker_cli_publishes_and_port_lists_it()
    {
        var port = NetworkProbe.FreePort();
        await D.DockerOk(["run", "-d", "--name", "pub-docker", "-p", $"{port}:80", .. Web]);
        try
        {
            Assert.Equal("published-page\n", await NetworkProbe.GetAsync("127.0.0.1", port, "/index.html"));
            Assert.Equal($"0.0.0.0:{port}\n", await D.DockerOk("port", "pub-docker", "80"));
            Assert.Contains($"0.0.0.0:{port}->80/tcp", await D.DockerOk("ps", "--filter", "name=pub-docker", "--format", "{{.Ports}}"));
        }
        finally
        {
            await D.Docker("rm", "-f", "pub-docker");
        }
        Assert.True(NetworkProbe.PortIsFree(port));
    }
}
