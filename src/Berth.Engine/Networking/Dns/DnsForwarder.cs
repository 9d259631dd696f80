using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Berth.Engine.Networking.Dns;

/// <summary>
/// Sends a container's query to the upstream servers in turn from berthd's own network namespace —
/// which is why a host resolver on loopback (systemd-resolved's 127.0.0.53) works, as in Docker.
/// Each attempt uses a fresh socket and a fresh random ID, so only the upstream's real reply is
/// taken; the reply is passed back byte for byte but for the client's ID.
/// </summary>
internal sealed class DnsForwarder(TimeSpan attemptTimeout)
{
    /// <summary>Docker tries at most three upstreams, as glibc reads at most three nameservers.</summary>
    public const int MaxUpstreams = 3;

    /// <summary>
    /// The upstream's reply with the client's ID, or null when none gave a usable one: no reply in
    /// time, a broken reply, SERVFAIL or REFUSED (Docker moves on to the next server for those).
    /// </summary>
    public async Task<byte[]?> ExchangeAsync(ReadOnlyMemory<byte> query, IReadOnlyList<IPEndPoint> upstreams, bool overTcp, CancellationToken cancel)
    {
        if (query.Length < DnsHeader.Length) return null;
        var clientId = BinaryPrimitives.ReadUInt16BigEndian(query.Span);
        var outgoing = query.ToArray();
        foreach (var upstream in upstreams.Take(MaxUpstreams))
        {
            var id = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);
            BinaryPrimitives.WriteUInt16BigEndian(outgoing, id);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            attempt.CancelAfter(attemptTimeout);
            byte[]? reply;
            try
            {
                reply = overTcp
                    ? await ExchangeTcpAsync(outgoing, upstream, id, attempt.Token)
                    : await ExchangeUdpAsync(outgoing, upstream, id, attempt.Token);
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested) { continue; }
            catch (SocketException) { continue; }
            if (reply is null) continue;
            var code = (DnsResponseCode)(reply[3] & DnsHeader.ResponseCodeMask);
            if (code is DnsResponseCode.ServerFailure or DnsResponseCode.Refused) continue;
            BinaryPrimitives.WriteUInt16BigEndian(reply, clientId);
            return reply;
        }
        return null;
    }

    private static async Task<byte[]?> ExchangeUdpAsync(byte[] query, IPEndPoint upstream, ushort id, CancellationToken cancel)
    {
        using var socket = new Socket(upstream.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        // A connected UDP socket only receives from the upstream and learns of an ICMP "port
        // unreachable", so a dead server fails at once instead of at the timeout.
        socket.Connect(upstream);
        await socket.SendAsync(query, SocketFlags.None, cancel);
        var buffer = ArrayPool<byte>.Shared.Rent(DnsQueryHandler.MaxTcpMessageSize);
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, SocketFlags.None, cancel);
                if (IsReplyTo(buffer.AsSpan(0, received), id)) return buffer.AsSpan(0, received).ToArray();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<byte[]?> ExchangeTcpAsync(byte[] query, IPEndPoint upstream, ushort id, CancellationToken cancel)
    {
        using var socket = new Socket(upstream.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(upstream, cancel);
        await DnsTcpFraming.WriteMessageAsync(socket, query, cancel);
        var reply = await DnsTcpFraming.ReadMessageAsync(socket, cancel);
        return reply is not null && IsReplyTo(reply, id) ? reply : null;
    }

    private static bool IsReplyTo(ReadOnlySpan<byte> message, ushort id) =>
        message.Length >= DnsHeader.Length
        && BinaryPrimitives.ReadUInt16BigEndian(message) == id
        && (BinaryPrimitives.ReadUInt16BigEndian(message[DnsHeader.FlagsOffset..]) & DnsHeader.Response) != 0;
}
