using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Networking;

/// <summary>
/// The seeds' exercise: an nginx container run detached with -p 8080:80, its welcome page opened
/// from the host (curl and headless Chromium, the screenshot kept as an artifact), then stop and
/// rm free the port. The nginx image is made here from the Debian base: apt-get install through
/// the bridge's NAT, then commit.
/// </summary>
public sealed class NginxScenarioTests : IAsyncLifetime
{
    private const int Port = 8080;
    private BerthDaemon D = null!;

    public async Task InitializeAsync()
    {
        D = await BerthDaemon.StartAsync();
        var tar = TestPaths.DebianTar ?? throw new InvalidOperationException("the Debian base tar is missing: run ./setup.sh");
        await D.BerthOk("import", tar, "debian:bookworm");
    }

    public async Task DisposeAsync() => await D.DisposeAsync();

    public static string ArtifactsDir =>
        Environment.GetEnvironmentVariable("BERTH_TEST_ARTIFACTS") is { Length: > 0 } dir ? dir : Path.Combine(TestPaths.RepoRoot, "tests", "artifacts");

    [Fact]
    public async Task Nginx_welcome_page_is_served_on_a_published_port_and_the_port_is_freed_after_rm()
    {
        Assert.True(NetworkProbe.PortIsFree(Port), $"port {Port} is taken on this host; the scenario needs it");
        await D.BerthOk("run", "--name", "nginx-build", "debian:bookworm", "sh", "-c",
            "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null");
        await D.BerthOk("commit", "-c", "CMD [\"nginx\", \"-g\", \"daemon off;\"]", "-c", "EXPOSE 80", "nginx-build", "my-nginx:latest");
        await D.BerthOk("rm", "nginx-build");

        await D.BerthOk("run", "-d", "--name", "web", "-p", $"{Port}:80", "my-nginx");

        var page = await NetworkProbe.GetAsync("127.0.0.1", Port, "/", seconds: 20);
        Assert.Contains("Welcome to nginx!", page);
        var curl = await ProcessRunner.RunAsync("curl", ["-s", $"http://localhost:{Port}/"]);
        Assert.Contains("Welcome to nginx!", curl.Stdout);
        Assert.Contains($"0.0.0.0:{Port}->80/tcp", await D.BerthOk("ps", "--filter", "name=web", "--format", "{{.Ports}}"));
        Assert.Equal($"80/tcp -> 0.0.0.0:{Port}\n", await D.BerthOk("port", "web"));

        Directory.CreateDirectory(ArtifactsDir);
        var shot = Path.Combine(ArtifactsDir, "nginx-welcome.png");
        File.Delete(shot);
        var chromium = await ProcessRunner.RunAsync("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            $"--screenshot={shot}", "--window-size=1024,768", $"http://127.0.0.1:{Port}/"]);
        Assert.True(File.Exists(shot), $"chromium made no screenshot:\n{chromium}");
        var png = await File.ReadAllBytesAsync(shot);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.True(png.Length > 10_000, $"the screenshot is only {png.Length} bytes");

        await D.BerthOk("stop", "web");
        Assert.True(NetworkProbe.PortIsFree(Port), "stop left the port held");
        await D.BerthOk("rm", "web");
        Assert.True(NetworkProbe.PortIsFree(Port));
        Assert.Equal("", await NetworkProbe.PublishedElementsAsync(D));
    }
}
