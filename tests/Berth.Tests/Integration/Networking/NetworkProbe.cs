using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Berth.Tests.Integration.Support;

namespace Berth.Tests.Integration.Networking;

/// <summary>What the tests look at from the host: its own address, HTTP over published ports, berth's nftables table.</summary>
public static class NetworkProbe
{
    /// <summary>The host's first non-loopback IPv4 address (the one the default route uses).</summary>
    public static string HostAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback && !i.Name.StartsWith("berth", StringComparison.Ordinal) && !i.Name.StartsWith("veth", StringComparison.Ordinal) && !i.Name.StartsWith("docker", StringComparison.Ordinal))
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .First(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)).ToString();

    /// <summary>GET http://host:port/path, retried until the server answers (it starts asynchronously).</summary>
    public static async Task<string> GetAsync(string host, int port, string path = "/", int seconds = 10)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        Exception? last = null;
        for (var i = 0; i < seconds * 10; i++)
        {
            try { return await http.GetStringAsync($"http://{host}:{port}{path}"); }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e;
                await Task.Delay(100);
            }
        }
        throw new Xunit.Sdk.XunitException($"http://{host}:{port}{path} never answered: {last?.Message}");
    }

    /// <summary>Whether something on the host could bind the port now (it is free).</summary>
    public static bool PortIsFree(int port)
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            s.Bind(new IPEndPoint(IPAddress.Any, port));
            return true;
        }
        catch (SocketException) { return false; }
    }

    /// <summary>An unused TCP port on the host.</summary>
    public static int FreePort()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.Bind(new IPEndPoint(IPAddress.Any, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }

    /// <summary>The daemon's nftables table as `nft list table` prints it ("" when it does not exist).</summary>
    public static async Task<string> RulesetAsync(BerthDaemon d) =>
        (await ProcessRunner.RunAsync("nft", ["list", "table", "ip", d.NetworkPrefix])).Stdout;

    /// <summary>The elements of the published-port maps (the part that changes per container).</summary>
    public static async Task<string> PublishedElementsAsync(BerthDaemon d)
    {
        var text = await RulesetAsync(d);
        return string.Join('\n', text.Split('\n').Where(l => l.Contains(" : ", StringComparison.Ordinal) && l.Contains(" . ", StringComparison.Ordinal)
            && !l.TrimStart().StartsWith("type ", StringComparison.Ordinal)));
    }

    /// <summary>Polls until <paramref name="condition"/> holds (the kernel frees a dead namespace's veth asynchronously).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int seconds = 10)
    {
        for (var i = 0; i < seconds * 20; i++)
        {
            if (await condition()) return;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"timed out waiting for: {what}");
    }
}
