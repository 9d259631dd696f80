namespace Berth.Cli.Client;

/// <summary>
/// One request on the wire. Exactly one of <see cref="Content"/> (sent with Content-Length) and
/// <see cref="ContentStream"/> (sent chunked, for tarballs piped from stdin) may be set.
/// </summary>
internal sealed class HttpRequest
{
    public required string Method { get; init; }
    /// <summary>Path and query, already escaped, starting with '/'.</summary>
    public required string Target { get; init; }
    public string? ContentType { get; init; }
    public byte[]? Content { get; init; }
    public Stream? ContentStream { get; init; }
    /// <summary>Ask the daemon to hijack the connection (attach): Connection: Upgrade, Upgrade: tcp.</summary>
    public bool Upgrade { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> ExtraHeaders { get; init; } = [];
}
