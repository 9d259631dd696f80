using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Berth.Tests.Integration.Support;

/// <summary>
/// A berthd of the test's own: its own data root, exec root and socket under /tmp/bt-&lt;id&gt;, so a
/// user's daemon and data are never touched and test classes can run side by side. Disposing stops
/// it and removes every container, mount and file it left.
/// </summary>
public sealed class BerthDaemon : IAsyncDisposable
{
    private Process? _process;
    private readonly StringBuilder _log = new();

    private BerthDaemon(string root)
    {
        Root = root;
    }

    public string Root { get; }
    /// <summary>This daemon's bridge-name prefix and nftables table ("berth" + 4 hex): never the user's "berth".</summary>
    public string NetworkPrefix { get; } = "berth" + Guid.NewGuid().ToString("N")[..4];
    /// <summary>The daemon's default bridge.</summary>
    public string DefaultBridge => NetworkPrefix + "0";
    public string DataRoot => Path.Combine(Root, "data");
    public string ExecRoot => Path.Combine(Root, "exec");
    public string Socket => Path.Combine(Root, "berth.sock");
    public string Host => "unix://" + Socket;
    public int? Pid => _process?.Id;
    public string Log { get { lock (_log) return _log.ToString(); } }

    public static async Task<BerthDaemon> StartAsync()
    {
        var daemon = new BerthDaemon("/tmp/bt-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(daemon.Root);
        await daemon.StartProcessAsync();
        return daemon;
    }

    public async Task StartProcessAsync()
    {
        var psi = new ProcessStartInfo(TestPaths.Daemon)
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        // Small subnets from a pool of their own, so test daemons side by side do not use up Docker's.
        foreach (var a in new[] { "--data-root", DataRoot, "--exec-root", ExecRoot, "-H", Host, "--cgroup-parent", "/berth-test",
                     "--network-prefix", NetworkPrefix, "--default-address-pool", "base=10.213.0.0/16,size=24" })
            psi.ArgumentList.Add(a);
        _process = Process.Start(psi)!;
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"berthd exited with {_process.ExitCode}:\n{Log}");
            if (await PingAsync()) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"berthd did not answer on {Socket}:\n{Log}");
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var s = new System.Net.Sockets.Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await s.ConnectAsync(new UnixDomainSocketEndPoint(Socket));
            await s.SendAsync("GET /_ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"u8.ToArray());
            var buffer = new byte[256];
            var n = await s.ReceiveAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, n).StartsWith("HTTP/1.1 200", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL, as a crash would: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        _process.Kill();
        await _process.WaitForExitAsync();
        _process = null;
    }

    public async Task StopAsync()
    {
        if (_process is null) return;
        Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();
        if (!_process.WaitForExit(10_000)) _process.Kill();
        await _process.WaitForExitAsync();
        _process = null;
    }

    public Task<ProcessResult> Berth(params string[] args) => BerthWithInput(null, args);

    public Task<ProcessResult> BerthWithInput(byte[]? stdin, params string[] args) =>
        ProcessRunner.RunAsync(TestPaths.Cli, args, new Dictionary<string, string> { ["BERTH_HOST"] = Host }, stdin);

    public Task<ProcessResult> Docker(params string[] args) => DockerWithInput(null, args);

    public Task<ProcessResult> DockerWithInput(byte[]? stdin, params string[] args) =>
        ProcessRunner.RunAsync(TestPaths.Docker, args, new Dictionary<string, string>
        {
            ["DOCKER_HOST"] = Host, ["DOCKER_CONFIG"] = Path.Combine(Root, "docker-config"), ["DOCKER_CLI_HINTS"] = "false",
        }, stdin);

    /// <summary>Runs the berth CLI and fails the test with its output if it did not exit 0.</summary>
    public async Task<string> BerthOk(params string[] args)
    {
        var r = await Berth(args);
        if (r.ExitCode != 0) throw new Xunit.Sdk.XunitException($"berth {string.Join(' ', args)} failed:\n{r}\n--- daemon log\n{Log}");
        return r.Stdout;
    }

    public async Task<string> DockerOk(params string[] args)
    {
        var r = await Docker(args);
        if (r.ExitCode != 0) throw new Xunit.Sdk.XunitException($"docker {string.Join(' ', args)} failed:\n{r}\n--- daemon log\n{Log}");
        return r.Stdout;
    }

    /// <summary>One Engine API request over the daemon's socket: status code and body.</summary>
    public async Task<(int Status, string Body)> ApiAsync(string method, string path, string? json = null)
    {
        using var handler = new System.Net.Http.SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new System.Net.Sockets.Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(Socket), ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var client = new System.Net.Http.HttpClient(handler);
        using var request = new System.Net.Http.HttpRequestMessage(new System.Net.Http.HttpMethod(method), "http://berth" + path);
        if (json is not null) request.Content = new System.Net.Http.StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>`inspect -f FORMAT NAME`, trimmed.</summary>
    public async Task<string> InspectAsync(string name, string format) => (await BerthOk("inspect", "-f", format, name)).Trim();

    /// <summary>Polls `inspect -f` until <paramref name="done"/> holds (state changes are asynchronous).</summary>
    public async Task<string> WaitForInspectAsync(string name, string format, Func<string, bool> done, int seconds = 10)
    {
        var value = "";
        for (var i = 0; i < seconds * 20; i++)
        {
            value = await InspectAsync(name, format);
            if (done(value)) return value;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"{name}: {format} is still {value}");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Cleanup();
    }

    /// <summary>Kills what containers remain, unmounts what is mounted under the root, deletes it.</summary>
    private void Cleanup()
    {
        var runcRoot = Path.Combine(ExecRoot, "runc");
        if (Directory.Exists(runcRoot))
            foreach (var dir in Directory.GetDirectories(runcRoot))
            {
                var id = Path.GetFileName(dir);
                Process.Start("runc", ["--root", runcRoot, "kill", id, "KILL"])!.WaitForExit();
                Thread.Sleep(50);
                Process.Start("runc", ["--root", runcRoot, "delete", "--force", id])!.WaitForExit();
            }
        foreach (var mount in File.ReadAllLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4])
                     .Where(m => m.StartsWith(Root + "/", StringComparison.Ordinal)).OrderByDescending(m => m.Length))
            Process.Start("umount", ["-l", mount])!.WaitForExit();
        try { Directory.Delete(Root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        RemoveNetworkObjects();
    }

    /// <summary>The bridges (and any veth left on them) and the nftables table of this daemon.</summary>
    private void RemoveNetworkObjects()
    {
        foreach (var link in HostLinks().Where(l => l.StartsWith(NetworkPrefix, StringComparison.Ordinal)))
            Process.Start("ip", ["link", "del", link])!.WaitForExit();
        using var nft = Process.Start(new ProcessStartInfo("nft", ["delete", "table", "ip", NetworkPrefix]) { RedirectStandardError = true })!;
        nft.WaitForExit();
    }

    /// <summary>Every interface name on the host (from /sys/class/net).</summary>
    public static IReadOnlyList<string> HostLinks() =>
        Directory.GetDirectories("/sys/class/net").Select(Path.GetFileName).OfType<string>().ToList();

    /// <summary>The interfaces enslaved to a bridge (its veths).</summary>
    public static IReadOnlyList<string> BridgePorts(string bridge)
    {
        var dir = $"/sys/class/net/{bridge}/brif";
        return Directory.Exists(dir) ? Directory.GetDirectories(dir).Concat(Directory.GetFiles(dir)).Select(Path.GetFileName).OfType<string>().ToList() : [];
    }
}
