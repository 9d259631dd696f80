using Berth.Cli.Client;
using Berth.Cli.Commands;

namespace Berth.Cli.Streams;

/// <summary>
/// A hijacked POST /containers/{id}/attach connection: container output is copied to the CLI's
/// stdout/stderr (demultiplexed unless the container has a TTY) and, with stdin attached, the
/// CLI's stdin is copied in and the write side half-closed at its end, so the container sees EOF
/// while its remaining output still arrives.
/// </summary>
internal sealed class AttachSession : IAsyncDisposable
{
    private readonly HttpResponse _response;
    private readonly CancellationTokenSource _cts = new();

    private AttachSession(HttpResponse response) => _response = response;

    /// <summary>Completes when the daemon ends the output (the container's streams closed).</summary>
    public Task Output { get; private set; } = Task.CompletedTask;

    public static ApiRequest BuildRequest(string container, bool stdin, bool stdout, bool stderr) =>
        ApiRequest.Post($"/containers/{ApiRequest.Segment(container)}/attach") with
        {
            Query = new QueryBuilder().Add("stream", "1").FlagIfSet("stdin", stdin)
                .FlagIfSet("stdout", stdout).FlagIfSet("stderr", stderr).Build(),
        };

    /// <summary>Opens the attach connection; output starts flowing only after <see cref="Start"/>.</summary>
    public static async Task<AttachSession> OpenAsync(CliContext ctx, string container, bool stdin, bool stdout, bool stderr,
        CancellationToken ct)
    {
        var response = await ctx.Client.HijackAsync(BuildRequest(container, stdin, stdout, stderr), ct).ConfigureAwait(false);
        return new AttachSession(response);
    }

    /// <param name="tty">Raw output (container has a TTY) instead of the 8-byte framed streams.</param>
    public void Start(CliContext ctx, bool tty, bool copyStdin)
    {
        var body = _response.Body;
        Output = StreamDemuxer.CopyAsync(body, ctx.StdoutStream, ctx.StderrStream, tty, _cts.Token);
        if (copyStdin)
        {
            // Stdin reads block; a thread-pool thread is fine, it never keeps the process alive.
            _ = Task.Run(() => CopyStdinAsync(ctx.Stdin, _cts.Token));
        }
    }

    private async Task CopyStdinAsync(Stream stdin, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await stdin.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                await _response.Connection.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
                await _response.Connection.FlushAsync(ct).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The container went away or the session ended: nothing left to deliver stdin to.
        }
        _response.Connection.CloseWrite();
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync().ConfigureAwait(false);
        _response.Dispose();
        try { await Output.ConfigureAwait(false); }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException) { }
        _cts.Dispose();
    }
}
