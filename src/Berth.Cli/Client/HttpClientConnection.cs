using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Berth.Cli.Client;

/// <summary>
/// A minimal HTTP/1.1 client over a unix or TCP socket, one connection per request. HttpClient
/// cannot hand back the raw socket after "101 Switching Protocols", which attach needs, and this
/// also keeps the NativeAOT binary small and quick to start.
/// </summary>
internal static class HttpClientConnection
{
    private const int MaxHeaderLine = 64 * 1024;
    private const int MaxHeaders = 200;

    public static async Task<Socket> ConnectAsync(DaemonEndpoint endpoint, CancellationToken ct)
    {
        Socket socket;
        if (endpoint.IsUnix)
        {
            socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try { await socket.ConnectAsync(new UnixDomainSocketEndPoint(endpoint.SocketPath!), ct).ConfigureAwait(false); }
            catch { socket.Dispose(); throw; }
        }
        else
        {
            socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try { await socket.ConnectAsync(endpoint.TcpHost!, endpoint.TcpPort, ct).ConfigureAwait(false); }
            catch { socket.Dispose(); throw; }
        }
        return socket;
    }

    /// <summary>Sends the request and returns once the response head has arrived.</summary>
    public static async Task<HttpResponse> SendAsync(DaemonEndpoint endpoint, HttpRequest request, CancellationToken ct)
    {
        var socket = await ConnectAsync(endpoint, ct).ConfigureAwait(false);
        var conn = new BufferedConnectionStream(socket);
        try
        {
            await conn.WriteAsync(BuildHead(request, endpoint), ct).ConfigureAwait(false);
            Task upload = Task.CompletedTask;
            if (request.Content is { Length: > 0 } content)
                await conn.WriteAsync(content, ct).ConfigureAwait(false);
            else if (request.ContentStream is { } source)
                // The body is sent while the response is awaited: a daemon that refuses early
                // (404, 400) answers before the upload ends, and its answer wins over a broken pipe.
                upload = ChunkedEncoder.CopyAsync(source, conn, ct);

            var response = await ReadResponseAsync(conn, request, ct).ConfigureAwait(false);
            if (!response.IsSuccess) return response;
            await upload.ConfigureAwait(false);
            return response;
        }
        catch
        {
            conn.Dispose();
            throw;
        }
    }

    internal static byte[] BuildHead(HttpRequest request, DaemonEndpoint endpoint)
    {
        var sb = new StringBuilder(256);
        sb.Append(request.Method).Append(' ').Append(request.Target).Append(" HTTP/1.1\r\n");
        // A unix socket has no host name; Docker's own client sends a placeholder too.
        sb.Append("Host: ").Append(endpoint.IsUnix ? "berth" : endpoint.TcpHost).Append("\r\n");
        sb.Append("User-Agent: Berth-Client/1.0 (linux)\r\n");
        if (request.Upgrade) sb.Append("Connection: Upgrade\r\nUpgrade: tcp\r\n");
        if (request.ContentType is not null) sb.Append("Content-Type: ").Append(request.ContentType).Append("\r\n");
        if (request.ContentStream is not null) sb.Append("Transfer-Encoding: chunked\r\n");
        else if (request.Content is not null || request.Method is "POST" or "PUT")
            sb.Append("Content-Length: ").Append((request.Content?.Length ?? 0).ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        foreach (var (name, value) in request.ExtraHeaders) sb.Append(name).Append(": ").Append(value).Append("\r\n");
        sb.Append("\r\n");
        return Encoding.Latin1.GetBytes(sb.ToString());
    }

    private static async Task<HttpResponse> ReadResponseAsync(BufferedConnectionStream conn, HttpRequest request, CancellationToken ct)
    {
        while (true)
        {
            var statusLine = await conn.ReadLineAsync(MaxHeaderLine, ct).ConfigureAwait(false)
                ?? throw new IOException("the daemon closed the connection without answering");
            var (status, reason) = ParseStatusLine(statusLine);
            var headers = await ReadHeadersAsync(conn, ct).ConfigureAwait(false);
            // Interim 1xx answers (100 Continue) precede the real one; 101 is the real one.
            if (status is >= 100 and < 200 && status != 101) continue;
            var body = SelectBody(conn, request, status, headers);
            return new HttpResponse(status, reason, headers, body, conn);
        }
    }

    internal static (int Status, string Reason) ParseStatusLine(string line)
    {
        // "HTTP/1.1 200 OK"; the reason phrase may be empty or contain spaces.
        var parts = line.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            throw new InvalidDataException($"malformed HTTP status line '{line}'");
        return (status, parts.Length > 2 ? parts[2] : "");
    }

    private static async Task<Dictionary<string, string>> ReadHeadersAsync(BufferedConnectionStream conn, CancellationToken ct)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; ; i++)
        {
            var line = await conn.ReadLineAsync(MaxHeaderLine, ct).ConfigureAwait(false)
                ?? throw new IOException("connection closed inside the response headers");
            if (line.Length == 0) return headers;
            if (i >= MaxHeaders) throw new InvalidDataException("too many response headers");
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var prev) ? prev + ", " + value : value;
        }
    }

    private static Stream SelectBody(BufferedConnectionStream conn, HttpRequest request, int status,
        Dictionary<string, string> headers)
    {
        if (status == 101) return conn; // hijacked: the raw stream starts right after the head
        if (request.Method == "HEAD" || status is 204 or 304) return Stream.Null;
        if (headers.TryGetValue("Transfer-Encoding", out var te)
            && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            return new ChunkedReadStream(conn);
        if (headers.TryGetValue("Content-Length", out var cl)
            && long.TryParse(cl, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            return new ContentLengthReadStream(conn, length);
        return conn; // neither: the body runs until the daemon closes the connection
    }
}
