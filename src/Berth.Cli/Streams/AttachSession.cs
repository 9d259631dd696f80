using Berth.Cli.Client;
using Berth.Cli.Commands;
using Berth.Protocol.Streams;

namespace Berth.Cli.Streams;

/// <summary>
/// A hijacked POST /containers/{id}/attach connection, as docker's hijackedIOStreamer: container
/// output is copied to the CLI's stdout/stderr (demultiplexed unless the container has a TTY) and,
/// with stdin attached, the CLI's stdin is copied in and the write side half-closed at its end, so
/// the container sees EOF while its remaining output still arrives. With a TTY and a terminal on
/// stdin, the terminal is raw for the session and the detach keys end it, leaving the container
/// running; the keys themselves are never sent.
/// </summary>
internal sealed class AttachSession : IAsyncDisposable
{
    private readonly HttpResponse _response;
    private readonly string? _detachKeys;
    private readonly CancellationTokenSource _cts = new();
    private readonly TaskCompletionSource _detached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _terminalLock = new();
    private RawTerminal? _raw;

    private AttachSession(HttpResponse response, string? detachKeys)
    {
        _response = response;
        _detachKeys = detachKeys;
    }

    /// <summary>Completes when the daemon ends the output (the container's streams closed).</summary>
    public Task Output { get; private set; } = Task.CompletedTask;

    public static ApiRequest BuildRequest(string container, bool stdin, bool stdout, bool stderr, string? detachKeys = null) =>
        ApiRequest.Post($"/containers/{ApiRequest.Segment(container)}/attach") with
        {
            Query = new QueryBuilder().Add("stream", "1").FlagIfSet("stdin", stdin)
                .FlagIfSet("stdout", stdout).FlagIfSet("stderr", stderr).AddIfNotEmpty("detachKeys", detachKeys).Build(),
        };

    /// <summary>Opens the attach connection; output starts flowing only after <see cref="Start"/>.</summary>
    public static async Task<AttachSession> OpenAsync(CliContext ctx, string container, bool stdin, bool stdout, bool stderr,
        string? detachKeys, CancellationToken ct)
    {
        var response = await ctx.Client.HijackAsync(BuildRequest(container, stdin, stdout, stderr, detachKeys), ct).ConfigureAwait(false);
        return new AttachSession(response, detachKeys);
    }

    /// <param name="tty">Raw output (container has a TTY) instead of the 8-byte framed streams.</param>
    public void Start(CliContext ctx, bool tty, bool copyStdin)
    {
        var input = ctx.Stdin;
        if (copyStdin && tty && ctx.StdinIsTerminal && RawTerminal.Enter() is { } raw)
        {
            _raw = raw;
            input = RawTerminal.OpenStdin();
        }
        Output = CopyOutputAsync(ctx, tty);
        if (copyStdin)
        {
            var keys = tty ? ParseDetachKeys(_detachKeys) : null;
            // Stdin reads block; a thread-pool thread is fine, it never keeps the process alive.
            _ = Task.Run(() => CopyStdinAsync(input, keys, _cts.Token));
        }
    }

    /// <summary>Waits for the output to end (false) or the detach keys (true).</summary>
    public async Task<bool> WaitAsync()
    {
        if (await Task.WhenAny(Output, _detached.Task).ConfigureAwait(false) == _detached.Task) return true;
        await Output.ConfigureAwait(false);
        return false;
    }

    /// <summary>docker falls back to ctrl-p,ctrl-q when the keys do not parse (the daemon refuses them first).</summary>
    private static DetachKeys ParseDetachKeys(string? spec)
    {
        try { return DetachKeys.Parse(spec); }
        catch (FormatException) { return DetachKeys.Parse(null); }
    }

    private async Task CopyOutputAsync(CliContext ctx, bool tty)
    {
        try
        {
            await StreamDemuxer.CopyAsync(_response.Body, ctx.StdoutStream, ctx.StderrStream, tty, _cts.Token).ConfigureAwait(false);
        }
        finally
        {
            // As soon as the session's output ends, so that what follows prints normally.
            RestoreTerminal();
        }
    }

    private async Task CopyStdinAsync(Stream stdin, DetachKeys? detachKeys, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        var filtered = new List<byte>();
        try
        {
            int n;
            while ((n = await stdin.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                ReadOnlyMemory<byte> data = buffer.AsMemory(0, n);
                var detach = false;
                if (detachKeys is not null)
                {
                    filtered.Clear();
                    detach = detachKeys.Filter(data.Span, filtered);
                    data = filtered.ToArray();
                }
                if (data.Length > 0)
                {
                    await _response.Connection.WriteAsync(data, ct).ConfigureAwait(false);
                    await _response.Connection.FlushAsync(ct).ConfigureAwait(false);
                }
                if (detach)
                {
                    RestoreTerminal();
                    _detached.TrySetResult();
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            // The container went away or the session ended: nothing left to deliver stdin to.
        }
        RestoreTerminal();
        try { _response.Connection.CloseWrite(); }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or System.Net.Sockets.SocketException) { }
    }

    private void RestoreTerminal()
    {
        lock (_terminalLock)
        {
            _raw?.Dispose();
            _raw = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        RestoreTerminal();
        await _cts.CancelAsync().ConfigureAwait(false);
        _response.Dispose();
        try { await Output.ConfigureAwait(false); }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException) { }
        _cts.Dispose();
    }
}
