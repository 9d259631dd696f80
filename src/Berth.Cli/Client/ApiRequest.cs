using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Berth.Cli.Client;

/// <summary>
/// What a command asks of the daemon, before any I/O: method, unversioned path, query and body.
/// Commands build these with pure functions so tests can check the translation of a command line
/// without a daemon; <see cref="DaemonClient"/> adds the /v1.xx prefix and sends them.
/// </summary>
internal sealed record ApiRequest(string Method, string Path)
{
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];
    /// <summary>A JSON body, serialised with <see cref="BodyType"/> (source-generated, AOT-safe).</summary>
    public object? Body { get; init; }
    public JsonTypeInfo? BodyType { get; init; }
    /// <summary>A streamed body (tar upload), sent chunked.</summary>
    public Stream? Upload { get; init; }
    public string? ContentType { get; init; }

    public static ApiRequest Get(string path, params KeyValuePair<string, string>[] query) =>
        new("GET", path) { Query = query };

    public static ApiRequest Post(string path, params KeyValuePair<string, string>[] query) =>
        new("POST", path) { Query = query };

    public static ApiRequest Delete(string path, params KeyValuePair<string, string>[] query) =>
        new("DELETE", path) { Query = query };

    public ApiRequest WithJson<T>(T body, JsonTypeInfo<T> type) =>
        this with { Body = body, BodyType = type, ContentType = "application/json" };

    /// <summary>The query string as sent ("a=1&amp;b=x%20y"), empty when there is none.</summary>
    public string QueryString
    {
        get
        {
            if (Query.Count == 0) return "";
            var sb = new StringBuilder();
            foreach (var (k, v) in Query)
            {
                if (sb.Length > 0) sb.Append('&');
                sb.Append(Uri.EscapeDataString(k)).Append('=').Append(Uri.EscapeDataString(v));
            }
            return sb.ToString();
        }
    }

    /// <summary>The query value for a key (the first if repeated), or null.</summary>
    public string? QueryValue(string key)
    {
        foreach (var (k, v) in Query) if (k == key) return v;
        return null;
    }

    public byte[]? SerializeBody() =>
        Body is null || BodyType is null ? null : JsonSerializer.SerializeToUtf8Bytes(Body, BodyType);

    /// <summary>
    /// Escapes a container or image reference for the path. A '/' stays as it is, as in docker's
    /// client (Go's URL.EscapedPath): the daemon routes image names like "my/app" on the raw path
    /// and resolves "/name" for containers, where "%2F" would be taken literally.
    /// </summary>
    public static string Segment(string value) => Uri.EscapeDataString(value).Replace("%2F", "/", StringComparison.Ordinal);
}
