using System.Buffers.Binary;

namespace Berth.Engine.Networking.Dns;

/// <summary>
/// A query received from a container. Parsing is bounded by the packet and never throws: the
/// sender is an untrusted container.
/// </summary>
internal sealed class DnsQuery
{
    /// <summary>The UDP reply size every client accepts (RFC 1035 4.2.1).</summary>
    public const int MinUdpPayloadSize = 512;

    /// <summary>Larger EDNS sizes are cut down to this: replies Berth builds itself are small.</summary>
    public const int MaxUdpPayloadSize = 4096;

    private DnsQuery(ushort id, ushort flags, DnsQuestion question, int udpPayloadSize)
    {
        Id = id;
        Flags = flags;
        Question = question;
        UdpPayloadSize = udpPayloadSize;
    }

    public ushort Id { get; }

    /// <summary>The header's flags word as received.</summary>
    public ushort Flags { get; }

    public DnsQuestion Question { get; }

    /// <summary>How large a UDP reply the client takes: 512, or what its EDNS OPT record says (at most 4096).</summary>
    public int UdpPayloadSize { get; }

    public static DnsParseResult Parse(ReadOnlySpan<byte> packet, out DnsQuery? query)
    {
        query = null;
        if (packet.Length < DnsHeader.Length) return DnsParseResult.Ignored;
        var flags = BinaryPrimitives.ReadUInt16BigEndian(packet[DnsHeader.FlagsOffset..]);
        if ((flags & DnsHeader.Response) != 0) return DnsParseResult.Ignored;
        if ((flags & DnsHeader.OpcodeMask) != 0) return DnsParseResult.Unsupported;
        if (BinaryPrimitives.ReadUInt16BigEndian(packet[DnsHeader.QuestionCountOffset..]) != 1) return DnsParseResult.Malformed;

        var offset = DnsHeader.Length;
        if (!DnsName.TryRead(packet, ref offset, out var wireName)) return DnsParseResult.Malformed;
        if (offset + 4 > packet.Length) return DnsParseResult.Malformed;
        var type = (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
        var @class = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]);
        offset += 4;

        var question = new DnsQuestion(wireName, DnsName.ToText(wireName), type, @class);
        query = new DnsQuery(BinaryPrimitives.ReadUInt16BigEndian(packet), flags, question, UdpPayloadSizeOf(packet, offset));
        return DnsParseResult.Query;
    }

    /// <summary>
    /// The EDNS payload size from an OPT record in the records after the question (RFC 6891 6.1.2).
    /// A damaged record section only costs the client the larger size.
    /// </summary>
    private static int UdpPayloadSizeOf(ReadOnlySpan<byte> packet, int offset)
    {
        var records = BinaryPrimitives.ReadUInt16BigEndian(packet[DnsHeader.AnswerCountOffset..])
            + BinaryPrimitives.ReadUInt16BigEndian(packet[DnsHeader.AuthorityCountOffset..])
            + BinaryPrimitives.ReadUInt16BigEndian(packet[DnsHeader.AdditionalCountOffset..]);
        // Each record takes at least 11 bytes, so the packet's length bounds this loop too.
        for (var i = 0; i < records; i++)
        {
            if (!DnsName.TryRead(packet, ref offset, out _)) break;
            if (offset + 10 > packet.Length) break;
            var type = (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
            if (type == DnsRecordType.Opt)
            {
                int size = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]);
                return Math.Clamp(size, MinUdpPayloadSize, MaxUdpPayloadSize);
            }
            offset += 10 + BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 8)..]);
        }
        return MinUdpPayloadSize;
    }
}
