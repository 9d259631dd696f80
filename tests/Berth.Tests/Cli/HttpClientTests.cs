using System.Net.Sockets;
using System.Text;
using Berth.Cli.Client;
using Xunit;

namespace Berth.Tests.Cli;

public class HttpClientTests
{
    private static async Task WriteSlowlyAsync(NetworkStream stream, params string[] pieces)
    {
        // Separate writes with pauses so the client sees the body split at awkward places.
        foreach (var piece in pieces)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(piece));
            await stream.FlushAsync();
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task ChunkedBodyIsDecodedAcrossSplitReads()
    {
        await using var daemon = new FakeDaemon((_, s) => WriteSlowlyAsync(s,
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5;name=x\r\nhel",
            "lo\r\n1\r\n \r\n1",
            "a\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: y\r\n\r\n"));
        var client = new DaemonClient(daemon.Endpoint);
        using var response = await client.SendAsync(ApiRequest.Get("/x"));
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("hello abcdefghijklmnopqrstuvwxyz", Encoding.ASCII.GetString(await response.ReadBodyAsync()));
        Assert.Equal("/v1.50/x", daemon.Requests.Single().Target);
    }

    [Fact]
    public async Task LargeChunkedBodyStreams()
    {
        var payload = new byte[300_000];
        new Random(42).NextBytes(payload);
        await using var daemon = new FakeDaemon(async (_, s) =>
        {
            await s.WriteAsync("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"u8.ToArray());
            for (var i = 0; i < payload.Length; i += 70_000)
            {
                var n = Math.Min(70_000, payload.Length - i);
                await s.WriteAsync(Encoding.ASCII.GetBytes($"{n:X}\r\n"));
                await s.WriteAsync(payload.AsMemory(i, n));
                await s.WriteAsync("\r\n"u8.ToArray());
            }
            await s.WriteAsync("0\r\n\r\n"u8.ToArray());
        });
        using var response = await new DaemonClient(daemon.Endpoint).SendAsync(ApiRequest.Get("/images/get"));
        Assert.Equal(payload, await response.ReadBodyAsync());
    }

    [Fact]
    public async Task ContentLengthBodyStopsAtItsLength()
    {
        await using var daemon = new FakeDaemon((_, s) => WriteSlowlyAsync(s,
            "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n[\"a\",", "\"b\"]trailing-garbage"));
        var list = await new DaemonClient(daemon.Endpoint).GetJsonAsync(ApiRequest.Get("/l"),
            Berth.Protocol.Json.ProtocolJson.Default.ListString);
        Assert.Equal(["a", "b"], list);
    }

    [Fact]
    public async Task ErrorAnswersBecomeDaemonExceptions()
    {
        await using var daemon = new FakeDaemon((r, s) => r.Path.EndsWith("/json-error", StringComparison.Ordinal)
            ? FakeDaemon.RespondAsync(s, 404, "{\"message\":\"No such container: web\"}")
            : FakeDaemon.RespondAsync(s, 500, "plain failure\n", "text/plain"));
        var client = new DaemonClient(daemon.Endpoint);
        var notFound = await Assert.ThrowsAsync<DaemonException>(() => client.SendAsync(ApiRequest.Get("/json-error")));
        Assert.True(notFound.IsNotFound);
        Assert.Equal("Error response from daemon: No such container: web", notFound.Display);
        var plain = await Assert.ThrowsAsync<DaemonException>(() => client.SendAsync(ApiRequest.Get("/other")));
        Assert.Equal("plain failure", plain.Message);
    }

    [Fact]
    public async Task JsonBodyIsSentWithContentLength()
    {
        await using var daemon = new FakeDaemon((_, s) => FakeDaemon.RespondAsync(s, 201, "{\"Id\":\"abc\",\"Warnings\":[]}"));
        var body = new Berth.Protocol.Containers.ContainerCreateRequest { Image = "busybox" };
        var created = await new DaemonClient(daemon.Endpoint).GetJsonAsync(
            ApiRequest.Post("/containers/create").WithJson(body, Berth.Protocol.Json.ProtocolJson.Default.ContainerCreateRequest),
            Berth.Protocol.Json.ProtocolJson.Default.ContainerCreateResponse);
        Assert.Equal("abc", created.Id);
        var request = daemon.Requests.Single();
        Assert.Equal("application/json", request.Headers["Content-Type"]);
        Assert.Equal(request.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Headers["Content-Length"]);
        Assert.Contains("\"Image\":\"busybox\"", Encoding.UTF8.GetString(request.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamedUploadIsSentChunked()
    {
        var tar = new byte[200_001];
        new Random(7).NextBytes(tar);
        await using var daemon = new FakeDaemon((r, s) =>
            FakeDaemon.RespondAsync(s, 200, $"{{\"status\":\"{r.Body.Length}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(r.Body))}\"}}"));
        var request = ApiRequest.Post("/images/load") with { Upload = new MemoryStream(tar), ContentType = "application/x-tar" };
        using var response = await new DaemonClient(daemon.Endpoint).SendAsync(request);
        var answer = Encoding.UTF8.GetString(await response.ReadBodyAsync());
        Assert.Contains($"{tar.Length}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(tar))}", answer, StringComparison.Ordinal);
        Assert.Equal("chunked", daemon.Requests.Single().Headers["Transfer-Encoding"]);
    }

    [Fact]
    public async Task HijackedConnectionIsADuplexRawStream()
    {
        await using var daemon = new FakeDaemon(async (r, s) =>
        {
            Assert.Equal("Upgrade", r.Headers["Connection"]);
            Assert.Equal("tcp", r.Headers["Upgrade"]);
            // The head and the first raw bytes arrive in one write, as a real daemon may send them.
            await s.WriteAsync("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\nearly|"u8.ToArray());
            var received = new MemoryStream();
            await s.CopyToAsync(received); // until the client half-closes
            await s.WriteAsync(Encoding.ASCII.GetBytes("echo:" + Encoding.ASCII.GetString(received.ToArray())));
        });
        using var response = await new DaemonClient(daemon.Endpoint).HijackAsync(ApiRequest.Post("/containers/x/attach"));
        Assert.Equal(101, response.StatusCode);
        await response.Connection.WriteAsync("stdin-data"u8.ToArray());
        response.Connection.CloseWrite();
        var all = Encoding.ASCII.GetString(await response.ReadBodyAsync());
        Assert.Equal("early|echo:stdin-data", all);
    }

    [Fact]
    public async Task UnreachableDaemonIsReportedByAddress()
    {
        var endpoint = DaemonEndpoint.Parse("unix:///nonexistent/berth.sock");
        var ex = await Assert.ThrowsAsync<DaemonUnreachableException>(() => new DaemonClient(endpoint).SendAsync(ApiRequest.Get("/_ping")));
        Assert.Equal("Cannot connect to the Berth daemon at unix:///nonexistent/berth.sock. Is the berth daemon running?", ex.Message);
    }
}
