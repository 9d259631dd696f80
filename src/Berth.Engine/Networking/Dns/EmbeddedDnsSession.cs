using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Berth.Engine.Networking.Dns;

/// <summary>
/// The embedded server at work on one container's sockets: a UDP receive loop and a TCP accept
/// loop, both asynchronous (no thread is held while waiting). Everything arriving is hostile input;
/// nothing it sends can end the loops, only <see cref="Dispose"/> does.
/// </summary>
internal sealed class EmbeddedDnsSession : IDisposable
{
    /// <summary>Queries over UDP are far smaller; a larger datagram is dropped.</summary>
    private const int MaxUdpQuerySize = 4096;

    private readonly Socket _udp;
    private readonly Socket? _tcp;
    private readonly IDnsResolver _resolver;
    private readonly IReadOnlyList<IPEndPoint> _upstreams;
    private readonly DnsServerOptions _options;
    private readonly DnsForwarder _forwarder;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Socket, byte> _connections = new();
    private int _forwardsInFlight;
    private int _disposed;

    public EmbeddedDnsSession(Socket udp, Socket? tcp, IDnsResolver resolver, IReadOnlyList<IPEndPoint> upstreams, DnsServerOptions options)
    {
        _udp = udp;
        _tcp = tcp;
        _resolver = resolver;
        _upstreams = upstreams.ToArray();
        _options = options;
        _forwarder = new DnsForwarder(options.UpstreamTimeout);
    }

    public void Start()
    {
        _tcp?.Listen(_options.MaxTcpConnections);
        _ = ServeUdpAsync();
        if (_tcp is not null) _ = AcceptTcpAsync(_tcp);
    }

    /// <summary>
    /// Closes the sockets now, not when the loops notice: an open socket keeps the container's
    /// network namespace alive. Accepted TCP connections belong to that namespace too.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stop.Cancel();
        _udp.Dispose();
        _tcp?.Dispose();
        foreach (var connection in _connections.Keys) connection.Dispose();
        // _stop is left undisposed: loops still finishing read its token, and it holds no timer.
    }

    private bool Stopping => Volatile.Read(ref _disposed) != 0;

    private async Task ServeUdpAsync()
    {
        // One byte more than a query may have: the kernel cuts a longer datagram to the buffer
        // silently, and a full buffer is how the cut shows.
        var buffer = new byte[MaxUdpQuerySize + 1];
        var anyone = new IPEndPoint(_udp.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!Stopping)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, anyone, _stop.Token);
            }
            catch (SocketException e) when (!Stopping && e.SocketErrorCode is SocketError.MessageSize or SocketError.ConnectionReset or SocketError.ConnectionRefused)
            {
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }
            if (received.ReceivedBytes > MaxUdpQuerySize) continue;
            await HandleDatagramAsync(buffer.AsMemory(0, received.ReceivedBytes), received.RemoteEndPoint);
        }
    }

    private async Task HandleDatagramAsync(ReadOnlyMemory<byte> packet, EndPoint client)
    {
        DnsHandling handling;
        try
        {
            handling = DnsQueryHandler.Handle(packet.Span, _resolver, overTcp: false);
        }
        catch (Exception)
        {
            // The resolver is someone else's code; a failure there must not end the loop.
            return;
        }
        if (handling.Reply is { } reply)
        {
            await SendToAsync(reply, client);
        }
        else if (handling.Forward is { } query)
        {
            if (!TryStartForward())
            {
                await SendToAsync(DnsResponse.Empty(query, DnsResponseCode.ServerFailure), client);
                return;
            }
            // Not awaited: the receive loop goes on while the upstream takes its time.
            _ = ForwardDatagramAsync(packet.ToArray(), query, client);
        }
    }

    private async Task ForwardDatagramAsync(byte[] packet, DnsQuery query, EndPoint client)
    {
        try
        {
            var reply = await _forwarder.ExchangeAsync(packet, _upstreams, overTcp: false, _stop.Token)
                ?? DnsResponse.Empty(query, DnsResponseCode.ServerFailure);
            await SendToAsync(reply, client);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
        finally
        {
            Interlocked.Decrement(ref _forwardsInFlight);
        }
    }

    private async Task SendToAsync(byte[] reply, EndPoint client)
    {
        try
        {
            await _udp.SendToAsync(reply, SocketFlags.None, client, _stop.Token);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // A client that went away: nothing to tell anyone.
        }
    }

    private async Task AcceptTcpAsync(Socket listener)
    {
        while (!Stopping)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(_stop.Token);
            }
            catch (SocketException e) when (!Stopping && e.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset)
            {
                continue;
            }
            catch (SocketException) when (!Stopping)
            {
                // Out of file descriptors and the like: back off instead of spinning, then carry on.
                try { await Task.Delay(100, _stop.Token); } catch (OperationCanceledException) { return; }
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }
            if (_connections.Count >= _options.MaxTcpConnections || !_connections.TryAdd(connection, 0))
            {
                connection.Dispose();
                continue;
            }
            // Dispose may have gone over the connections just before this one was added.
            if (Stopping)
            {
                _connections.TryRemove(connection, out _);
                connection.Dispose();
                return;
            }
            _ = ServeConnectionAsync(connection);
        }
    }

    private async Task ServeConnectionAsync(Socket connection)
    {
        try
        {
            while (!Stopping)
            {
                byte[]? message;
                using (var idle = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
                {
                    idle.CancelAfter(_options.TcpIdleTimeout);
                    message = await DnsTcpFraming.ReadMessageAsync(connection, idle.Token);
                }
                if (message is null) return;
                var reply = await AnswerOverTcpAsync(message);
                if (reply is not null) await DnsTcpFraming.WriteMessageAsync(connection, reply, _stop.Token);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            _connections.TryRemove(connection, out _);
            connection.Dispose();
        }
    }

    private async Task<byte[]?> AnswerOverTcpAsync(byte[] message)
    {
        DnsHandling handling;
        try
        {
            handling = DnsQueryHandler.Handle(message, _resolver, overTcp: true);
        }
        catch (Exception)
        {
            // As over UDP: the resolver's failure is no reason to drop the connection's loop.
            return null;
        }
        if (handling.Forward is not { } query) return handling.Reply;
        if (!TryStartForward()) return DnsResponse.Empty(query, DnsResponseCode.ServerFailure);
        try
        {
            return await _forwarder.ExchangeAsync(message, _upstreams, overTcp: true, _stop.Token)
                ?? DnsResponse.Empty(query, DnsResponseCode.ServerFailure);
        }
        finally
        {
            Interlocked.Decrement(ref _forwardsInFlight);
        }
    }

    private bool TryStartForward()
    {
        if (Interlocked.Increment(ref _forwardsInFlight) <= _options.MaxConcurrentForwards) return true;
        Interlocked.Decrement(ref _forwardsInFlight);
        return false;
    }
}
