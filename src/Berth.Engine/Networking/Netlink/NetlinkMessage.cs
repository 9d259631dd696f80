using System.Buffers.Binary;
using System.Text;

namespace Berth.Engine.Networking.Netlink;

/// <summary>
/// Builds one netlink request: the 16-byte header, a fixed family header (ifinfomsg, ifaddrmsg,
/// rtmsg …) and attributes, nested ones included. Lengths are patched when a nest closes.
/// </summary>
public sealed class NetlinkMessage
{
    public const ushort NLM_F_REQUEST = 0x1;
    public const ushort NLM_F_ACK = 0x4;
    public const ushort NLM_F_REPLACE = 0x100;
    public const ushort NLM_F_EXCL = 0x200;
    public const ushort NLM_F_CREATE = 0x400;
    private const ushort NLA_F_NESTED = 0x8000;

    private byte[] _buffer = new byte[256];
    private int _length;

    public NetlinkMessage(ushort type, ushort flags)
    {
        _length = 16;
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(4), type);
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(6), (ushort)(flags | NLM_F_REQUEST));
    }

    public ushort Type => BinaryPrimitives.ReadUInt16LittleEndian(_buffer.AsSpan(4));

    /// <summary>struct ifinfomsg: family, type, index, flags, change mask.</summary>
    public NetlinkMessage IfInfo(int index = 0, uint flags = 0, uint change = 0, byte family = 0)
    {
        var s = Reserve(16);
        s[0] = family;
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], index);
        BinaryPrimitives.WriteUInt32LittleEndian(s[8..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(s[12..], change);
        return this;
    }

    /// <summary>struct ifaddrmsg.</summary>
    public NetlinkMessage IfAddr(byte family, byte prefixLength, int index, byte scope = 0)
    {
        var s = Reserve(8);
        s[0] = family;
        s[1] = prefixLength;
        s[3] = scope;
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], index);
        return this;
    }

    /// <summary>struct rtmsg.</summary>
    public NetlinkMessage RtMsg(byte family, byte dstLength, byte table, byte protocol, byte scope, byte type)
    {
        var s = Reserve(12);
        s[0] = family;
        s[1] = dstLength;
        s[4] = table;
        s[5] = protocol;
        s[6] = scope;
        s[7] = type;
        return this;
    }

    public NetlinkMessage Attr(ushort type, ReadOnlySpan<byte> value)
    {
        var s = Reserve(Align(4 + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(s, (ushort)(4 + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(s[2..], type);
        value.CopyTo(s[4..]);
        return this;
    }

    public NetlinkMessage Attr(ushort type, string value)
    {
        Span<byte> bytes = stackalloc byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return Attr(type, bytes);
    }

    public NetlinkMessage Attr(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return Attr(type, bytes);
    }

    /// <summary>An IPv4 address attribute: network byte order.</summary>
    public NetlinkMessage AttrIPv4(ushort type, uint address)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, address);
        return Attr(type, bytes);
    }

    /// <summary>Opens a nested attribute; returns its offset for <see cref="EndNest"/>.</summary>
    public int BeginNest(ushort type)
    {
        var offset = _length;
        var s = Reserve(4);
        BinaryPrimitives.WriteUInt16LittleEndian(s[2..], (ushort)(type | NLA_F_NESTED));
        return offset;
    }

    /// <summary>Opens an attribute whose payload is a raw header plus attributes (VETH_INFO_PEER).</summary>
    public int BeginRaw(ushort type)
    {
        var offset = _length;
        var s = Reserve(4);
        BinaryPrimitives.WriteUInt16LittleEndian(s[2..], type);
        return offset;
    }

    public NetlinkMessage EndNest(int offset)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(offset), (ushort)(_length - offset));
        return this;
    }

    /// <summary>The finished message with its length and sequence number set.</summary>
    public ReadOnlySpan<byte> Finish(uint sequence)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer, (uint)_length);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(8), sequence);
        return _buffer.AsSpan(0, _length);
    }

    private Span<byte> Reserve(int size)
    {
        if (_length + size > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + size));
        var s = _buffer.AsSpan(_length, size);
        s.Clear();
        _length += size;
        return s;
    }

    public static int Align(int length) => (length + 3) & ~3;
}
