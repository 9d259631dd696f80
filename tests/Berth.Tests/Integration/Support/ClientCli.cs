using System.Net.Sockets;

namespace Berth.Tests.Integration.Support;

/// <summary>
/// Runs either client against a test daemon, for tests that hold berth and the docker CLI to the
/// same behaviour: "berth" or "docker" picks the program, the environment points both at the daemon.
/// </summary>
public static class ClientCli
{
    public static string ProgramOf(string cli) => cli == "docker" ? TestPaths.Docker : TestPaths.Cli;

    public static Dictionary<string, string> Environment(this BerthDaemon d) => new()
    {
        ["BERTH_HOST"] = d.Host, ["DOCKER_HOST"] = d.Host, ["DOCKER_CONFIG"] = Path.Combine(d.Root, "docker-config"),
        ["DOCKER_CLI_HINTS"] = "false",
    };

    public static Task<ProcessResult> Cli(this BerthDaemon d, string cli, byte[]? stdin, params string[] args) =>
        cli == "docker" ? d.DockerWithInput(stdin, args) : d.BerthWithInput(stdin, args);

    /// <summary>The client started in the background, to be talked to while it runs.</summary>
    public static InteractiveProcess StartCli(this BerthDaemon d, string cli, params string[] args) =>
        InteractiveProcess.Start(ProgramOf(cli), args, d.Environment());

    /// <summary>The client under a pseudo-terminal of the given size (see <see cref="InteractiveProcess.StartInTerminal"/>).</summary>
    public static InteractiveProcess StartCliInTerminal(this BerthDaemon d, string cli, string arguments, string before = "", int rows = 33, int columns = 101) =>
        InteractiveProcess.StartInTerminal($"{before}{ProgramOf(cli)} {arguments}", d.Environment(), rows, columns);

    /// <summary>One plain HTTP request to the daemon's API: status and body.</summary>
    public static async Task<(int Status, string Body)> ApiAsync(this BerthDaemon d, string method, string path, string? json = null)
    {
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(d.Socket), ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(new HttpMethod(method), "http://berth" + path);
        if (json is not null) request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
