using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Berth.Protocol.Daemon;
using Berth.Protocol.Json;

namespace Berth.Cli.Client;

/// <summary>
/// The CLI's only way to the daemon: sends <see cref="ApiRequest"/>s under the /v1.xx prefix,
/// turns error answers into <see cref="DaemonException"/> and decodes JSON with the
/// source-generated <see cref="ProtocolJson"/> context (no reflection, NativeAOT-safe).
/// </summary>
internal sealed class DaemonClient(DaemonEndpoint endpoint)
{
    public DaemonEndpoint Endpoint { get; } = endpoint;

    public string VersionedTarget(ApiRequest request)
    {
        var query = request.QueryString;
        var target = CleanPath("/v" + Endpoint.ApiVersion + request.Path);
        return query.Length == 0 ? target : target + "?" + query;
    }

    /// <summary>
    /// Go's path.Join, which docker's client builds every path with: empty and "." segments go, ".."
    /// climbs. So `wait /web` asks for /containers/web/wait, not /containers//web/wait.
    /// </summary>
    internal static string CleanPath(string path)
    {
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment == "..") { if (segments.Count > 0) segments.RemoveAt(segments.Count - 1); continue; }
            segments.Add(segment);
        }
        return "/" + string.Join('/', segments);
    }

    /// <summary>Sends the request; the caller reads (and disposes) the response. Errors throw.</summary>
    public async Task<HttpResponse> SendAsync(ApiRequest request, CancellationToken ct = default, bool upgrade = false)
    {
        var http = new HttpRequest
        {
            Method = request.Method,
            Target = VersionedTarget(request),
            ContentType = request.ContentType,
            Content = request.SerializeBody(),
            ContentStream = request.Upload,
            Upgrade = upgrade,
        };
        HttpResponse response;
        try
        {
            response = await HttpClientConnection.SendAsync(Endpoint, http, ct).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw new DaemonUnreachableException(Endpoint, ex);
        }
        if (response.IsSuccess) return response;
        using (response)
            throw await ToExceptionAsync(response, ct).ConfigureAwait(false);
    }

    /// <summary>Sends the request and drains the body (for endpoints answering 204 or ignorable JSON).</summary>
    public async Task SendAndForgetAsync(ApiRequest request, CancellationToken ct = default)
    {
        using var response = await SendAsync(request, ct).ConfigureAwait(false);
        await response.Body.CopyToAsync(Stream.Null, ct).ConfigureAwait(false);
    }

    public async Task<T> GetJsonAsync<T>(ApiRequest request, JsonTypeInfo<T> type, CancellationToken ct = default)
    {
        using var response = await SendAsync(request, ct).ConfigureAwait(false);
        var bytes = await response.ReadBodyAsync(ct).ConfigureAwait(false);
        return JsonSerializer.Deserialize(bytes, type)
            ?? throw new InvalidDataException($"empty JSON answer from {request.Path}");
    }

    /// <summary>The raw JSON bytes (inspect re-indents them without losing fields Berth has no model for).</summary>
    public async Task<byte[]> GetRawAsync(ApiRequest request, CancellationToken ct = default)
    {
        using var response = await SendAsync(request, ct).ConfigureAwait(false);
        return await response.ReadBodyAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Attach-style request: asks for a connection upgrade and returns the response whose
    /// <see cref="HttpResponse.Body"/> is the raw duplex stream.
    /// </summary>
    public Task<HttpResponse> HijackAsync(ApiRequest request, CancellationToken ct = default) =>
        SendAsync(request, ct, upgrade: true);

    internal static async Task<DaemonException> ToExceptionAsync(HttpResponse response, CancellationToken ct)
    {
        byte[] body;
        try { body = await response.ReadBodyAsync(ct).ConfigureAwait(false); }
        catch (IOException) { body = []; }
        return new DaemonException(response.StatusCode, ErrorMessage(response.StatusCode, response.Reason, body));
    }

    /// <summary>The {"message"} of an error body, else its text, else the status line.</summary>
    internal static string ErrorMessage(int status, string reason, byte[] body)
    {
        if (body.Length > 0)
        {
            try
            {
                var error = JsonSerializer.Deserialize(body, ProtocolJson.Default.ErrorResponse);
                if (!string.IsNullOrEmpty(error?.Message)) return error.Message;
            }
            catch (JsonException) { }
            var text = Encoding.UTF8.GetString(body).Trim();
            if (text.Length > 0) return text;
        }
        return $"{status} {reason}".Trim();
    }
}
