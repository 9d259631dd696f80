namespace Berth.Cli.Client;

/// <summary>
/// A response from the daemon. Owns its connection: disposing it closes the socket. For an
/// upgraded (hijacked) exchange, <see cref="Body"/> is the raw duplex stream and
/// <see cref="Connection"/> can write to it and half-close it.
/// </summary>
internal sealed class HttpResponse(
    int statusCode,
    string reason,
    IReadOnlyDictionary<string, string> headers,
    Stream body,
    BufferedConnectionStream connection) : IDisposable, IAsyncDisposable
{
    public int StatusCode { get; } = statusCode;
    public string Reason { get; } = reason;
    /// <summary>Header names compare case-insensitively; repeated headers are joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; } = headers;
    public Stream Body { get; } = body;
    public BufferedConnectionStream Connection { get; } = connection;

    /// <summary>As docker's client: anything below 400 is no error (304: already started/stopped).</summary>
    public bool IsSuccess => StatusCode is (>= 200 and < 400) or 101;

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    public async Task<byte[]> ReadBodyAsync(CancellationToken ct = default)
    {
        using var ms = new MemoryStream();
        await Body.CopyToAsync(ms, ct).ConfigureAwait(false);
        return ms.ToArray();
    }

    public void Dispose() => Connection.Dispose();

    public ValueTask DisposeAsync()
    {
        Connection.Dispose();
        return ValueTask.CompletedTask;
    }
}
