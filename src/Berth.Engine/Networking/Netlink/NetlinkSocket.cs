using System.Buffers.Binary;
using Berth.Engine.Native;

namespace Berth.Engine.Networking.Netlink;

/// <summary>
/// An rtnetlink socket. It belongs to the network namespace it was created in: one made on a thread
/// inside a container's namespace configures that container's interfaces.
/// </summary>
public sealed unsafe class NetlinkSocket : IDisposable
{
    private const ushort NLMSG_ERROR = 2;
    private const ushort NLMSG_DONE = 3;
    private readonly int _fd;
    private uint _sequence;
    private readonly byte[] _receive = new byte[32 * 1024];

    public NetlinkSocket()
    {
        _fd = Libc.Socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.NETLINK_ROUTE);
        if (_fd < 0) throw Libc.Error("netlink socket");
        var address = new Libc.SockaddrNl { Family = Libc.AF_NETLINK };
        if (Libc.Bind(_fd, &address, sizeof(Libc.SockaddrNl)) != 0)
        {
            var error = Libc.Error("netlink bind");
            Libc.Close(_fd);
            throw error;
        }
    }

    /// <summary>Sends a request with NLM_F_ACK and waits for the kernel's answer; throws with errno on failure.</summary>
    public void Execute(NetlinkMessage message, string what) => Execute(message, what, null);

    /// <summary>
    /// Sends a request and hands each reply message (type, payload after the netlink header) to
    /// <paramref name="onReply"/>; returns the negative errno instead of throwing when it is one of
    /// <paramref name="tolerated"/>.
    /// </summary>
    public int Execute(NetlinkMessage message, string what, Action<ushort, ReadOnlySpan<byte>>? onReply, params int[] tolerated)
    {
        var sequence = ++_sequence;
        var request = message.Finish(sequence);
        fixed (byte* p = request)
        {
            while (Libc.Send(_fd, p, request.Length, 0) < 0)
                if (Libc.LastErrno != Libc.EINTR) throw Libc.Error(what);
        }
        while (true)
        {
            nint n;
            fixed (byte* p = _receive)
            {
                n = Libc.Recv(_fd, p, _receive.Length, 0);
            }
            if (n < 0)
            {
                if (Libc.LastErrno == Libc.EINTR) continue;
                throw Libc.Error(what);
            }
            var offset = 0;
            while (offset + 16 <= n)
            {
                var span = _receive.AsSpan(offset, (int)n - offset);
                var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(span);
                var type = BinaryPrimitives.ReadUInt16LittleEndian(span[4..]);
                var seq = BinaryPrimitives.ReadUInt32LittleEndian(span[8..]);
                if (length < 16 || length > span.Length) break;
                if (seq == sequence)
                {
                    if (type == NLMSG_ERROR)
                    {
                        var errno = -BinaryPrimitives.ReadInt32LittleEndian(span[16..]);
                        if (errno == 0) return 0;
                        if (tolerated.Contains(errno)) return -errno;
                        throw new IOException($"{what}: {Libc.ErrnoMessage(errno)}", errno);
                    }
                    if (type == NLMSG_DONE) return 0;
                    onReply?.Invoke(type, span[16..length]);
                }
                offset += NetlinkMessage.Align(length);
            }
        }
    }

    public void Dispose() => Libc.Close(_fd);
}
