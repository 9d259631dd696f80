using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Berth.Cli.Client;

namespace Berth.Tests.Cli;

/// <summary>
/// A tiny HTTP/1.1 server on a temporary unix socket, standing in for berthd in CLI tests. Each
/// connection's request is parsed (Content-Length or chunked body) and handed to the test's
/// handler, which writes the raw response bytes itself.
/// </summary>
internal sealed class FakeDaemon : IAsyncDisposable
{
    public sealed record Request(string Method, string Target, Dictionary<string, string> Headers, byte[] Body)
    {
        public string Path => Target.Split('?')[0];
        public string Query => Target.Contains('?') ? Target[(Target.IndexOf('?') + 1)..] : "";
    }

    private readonly Socket _listener;
    private readonly string _dir;
    private readonly CancellationTokenSource _cts = new();
    private readonly Func<Request, NetworkStream, Task> _handler;
    private readonly Task _loop;

    public FakeDaemon(Func<Request, NetworkStream, Task> handler)
    {
        _handler = handler;
        _dir = Directory.CreateTempSubdirectory("berth-cli-test").FullName;
        SocketPath = System.IO.Path.Combine(_dir, "d.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(16);
        _loop = Task.Run(AcceptLoopAsync);
    }

    public string SocketPath { get; }
    public List<Request> Requests { get; } = [];
    public DaemonEndpoint Endpoint => DaemonEndpoint.Parse("unix://" + SocketPath);

    private async Task AcceptLoopAsync()
    {
        while (!_cts.IsCancellationRequested)
        {
            Socket client;
            try { client = await _listener.AcceptAsync(_cts.Token); }
            catch (Exception) { return; }
            _ = Task.Run(async () =>
            {
                using var stream = new NetworkStream(client, ownsSocket: true);
                try
                {
                    var request = await ReadRequestAsync(stream);
                    lock (Requests) Requests.Add(request);
                    await _handler(request, stream);
                }
                catch (IOException) { }
            });
        }
    }

    private static async Task<Request> ReadRequestAsync(NetworkStream stream)
    {
        var head = await ReadLineAsync(stream);
        var parts = head.Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (await ReadLineAsync(stream) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var body = new MemoryStream();
        if (headers.TryGetValue("Transfer-Encoding", out var te) && te == "chunked")
        {
            while (true)
            {
                var size = int.Parse(await ReadLineAsync(stream), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0) { await ReadLineAsync(stream); break; }
                body.Write(await ReadExactlyAsync(stream, size));
                await ReadLineAsync(stream);
            }
        }
        else if (headers.TryGetValue("Content-Length", out var cl) && int.Parse(cl, CultureInfo.InvariantCulture) > 0)
        {
            body.Write(await ReadExactlyAsync(stream, int.Parse(cl, CultureInfo.InvariantCulture)));
        }
        return new Request(parts[0], parts[1], headers, body.ToArray());
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer);
        return buffer;
    }

    /// <summary>Reads one CRLF line a byte at a time, so no body bytes are consumed with it.</summary>
    private static async Task<string> ReadLineAsync(Stream stream)
    {
        var sb = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one) == 0) throw new IOException("eof");
            if (one[0] == '\n') break;
            sb.Append((char)one[0]);
        }
        return sb.ToString().TrimEnd('\r');
    }

    /// <summary>A complete JSON (or empty) response with Content-Length.</summary>
    public static async Task RespondAsync(Stream stream, int status, string body, string contentType = "application/json")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 {status} {(status < 400 ? "OK" : "Error")}\r\nContent-Type: {contentType}\r\nContent-Length: {bytes.Length}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(bytes);
        await stream.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        _listener.Dispose();
        try { await _loop; } catch (Exception) { }
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
