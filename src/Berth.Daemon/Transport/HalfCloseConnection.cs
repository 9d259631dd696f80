using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Daemon.Transport;

/// <summary>
/// One accepted socket as a Kestrel connection. Unlike Kestrel's own socket transport, a FIN from
/// the client only ends the input: the output keeps flowing until the app completes it. Docker's
/// clients half-close hijacked attach/exec connections and still expect the container's output.
/// </summary>
internal sealed class HalfCloseConnection : ConnectionContext, IConnectionLifetimeFeature
{
    private readonly Socket _socket;
    private readonly Pipe _input = new(new PipeOptions(useSynchronizationContext: false));
    private readonly Pipe _output = new(new PipeOptions(useSynchronizationContext: false));
    private readonly CancellationTokenSource _closed = new();
    private readonly Task _receiving;
    private readonly Task _sending;

    public HalfCloseConnection(Socket socket, EndPoint? local)
    {
        _socket = socket;
        LocalEndPoint = local;
        RemoteEndPoint = socket.RemoteEndPoint;
        Transport = new DuplexPipe(_input.Reader, _output.Writer);
        Features.Set<IConnectionLifetimeFeature>(this);
        _receiving = ReceiveAsync();
        _sending = SendAsync();
    }

    public override string ConnectionId { get; set; } = Guid.NewGuid().ToString("N");
    public override IFeatureCollection Features { get; } = new FeatureCollection();
    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();
    public override IDuplexPipe Transport { get; set; }
    public override CancellationToken ConnectionClosed
    {
        get => _closed.Token;
        set => throw new NotSupportedException();
    }

    private async Task ReceiveAsync()
    {
        Exception? error = null;
        var first = true;
        try
        {
            while (true)
            {
                var memory = _input.Writer.GetMemory(8192);
                var n = await _socket.ReceiveAsync(memory, SocketFlags.None).ConfigureAwait(false);
                if (n == 0) break; // FIN: the client is done sending, not done listening.
                if (first) UpgradeBodyHeader.Rewrite(memory.Span[..n]);
                first = false;
                _input.Writer.Advance(n);
                var flush = await _input.Writer.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled) break;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            error = new ConnectionResetException(e.Message, e);
            Close();
        }
        finally
        {
            await _input.Writer.CompleteAsync(error).ConfigureAwait(false);
        }
    }

    private async Task SendAsync()
    {
        try
        {
            while (true)
            {
                var result = await _output.Reader.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled) break;
                foreach (var segment in result.Buffer)
                    await _socket.SendAsync(segment, SocketFlags.None).ConfigureAwait(false);
                _output.Reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted) break;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            await _output.Reader.CompleteAsync().ConfigureAwait(false);
            try { _socket.Shutdown(SocketShutdown.Both); } catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
            Close();
        }
    }

    private void Close()
    {
        try { _closed.Cancel(); } catch (ObjectDisposedException) { }
    }

    public override void Abort(ConnectionAbortedException abortReason)
    {
        _output.Reader.CancelPendingRead();
        try { _socket.Shutdown(SocketShutdown.Both); } catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        Close();
    }

    public override async ValueTask DisposeAsync()
    {
        // Let the send loop deliver what the app wrote last before the socket goes away.
        await _output.Writer.CompleteAsync().ConfigureAwait(false);
        await _sending.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        await _input.Reader.CompleteAsync().ConfigureAwait(false);
        _socket.Dispose();
        await _receiving.ConfigureAwait(false);
        _closed.Dispose();
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }
}
