using System.Buffers.Binary;
using System.Net.Sockets;

namespace Berth.Engine.Networking.Dns;

/// <summary>DNS over TCP: each message preceded by its length as two big-endian bytes (RFC 1035 4.2.2).</summary>
internal static class DnsTcpFraming
{
    /// <summary>The next message, or null when the peer closed the connection (cleanly or mid-message).</summary>
    public static async Task<byte[]?> ReadMessageAsync(Socket socket, CancellationToken cancel)
    {
        var prefix = new byte[2];
        if (!await ReadExactlyAsync(socket, prefix, cancel)) return null;
        var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        return await ReadExactlyAsync(socket, message, cancel) ? message : null;
    }

    public static async Task WriteMessageAsync(Socket socket, byte[] message, CancellationToken cancel)
    {
        var framed = new byte[2 + message.Length];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
        message.CopyTo(framed, 2);
        var sent = 0;
        while (sent < framed.Length)
            sent += await socket.SendAsync(framed.AsMemory(sent), SocketFlags.None, cancel);
    }

    private static async Task<bool> ReadExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancel)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer[read..], SocketFlags.None, cancel);
            if (n == 0) return false;
            read += n;
        }
        return true;
    }
}
