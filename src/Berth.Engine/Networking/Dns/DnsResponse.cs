using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Berth.Engine.Networking.Dns;

/// <summary>
/// Replies the embedded server builds itself, shaped as Docker's: the query's ID, opcode, RD and
/// CD echoed, RA set, AA clear, the question repeated, answers with a TTL of 600 s whose owner name
/// points back to the question.
/// </summary>
internal static class DnsResponse
{
    /// <summary>Docker's TTL for container records.</summary>
    public const uint Ttl = 600;

    /// <summary>Owner pointer, type, class, TTL and RDLENGTH of one answer record.</summary>
    private const int RecordFixedLength = 2 + 2 + 2 + 4 + 2;

    /// <summary>
    /// An answer of A or AAAA records (the addresses of the question's family) in the given order.
    /// Records that do not fit <paramref name="maxSize"/> are left out and TC is set, so a UDP client
    /// retries over TCP.
    /// </summary>
    public static byte[] Addresses(DnsQuery query, IReadOnlyList<IPAddress> addresses, int maxSize)
    {
        var type = query.Question.Type;
        var family = type == DnsRecordType.Aaaa ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        var dataLength = family == AddressFamily.InterNetwork ? 4 : 16;
        var matching = addresses.Where(a => a.AddressFamily == family).ToList();

        var headLength = DnsHeader.Length + query.Question.WireLength;
        var fits = Math.Max(0, (maxSize - headLength) / (RecordFixedLength + dataLength));
        var count = Math.Min(matching.Count, fits);
        var truncated = count < matching.Count;

        var message = new byte[headLength + count * (RecordFixedLength + dataLength)];
        var offset = WriteHead(message, query, DnsResponseCode.NoError, truncated, (ushort)count);
        for (var i = 0; i < count; i++)
        {
            offset = WriteRecordHead(message, offset, type, (ushort)dataLength);
            matching[i].TryWriteBytes(message.AsSpan(offset), out _);
            offset += dataLength;
        }
        return message;
    }

    /// <summary>A PTR answer naming <paramref name="hostWireName"/> (wire form, see <see cref="DnsName.TryEncode"/>).</summary>
    public static byte[] Pointer(DnsQuery query, byte[] hostWireName, int maxSize)
    {
        var headLength = DnsHeader.Length + query.Question.WireLength;
        var length = headLength + RecordFixedLength + hostWireName.Length;
        if (length > maxSize)
        {
            var cut = new byte[headLength];
            WriteHead(cut, query, DnsResponseCode.NoError, truncated: true, answers: 0);
            return cut;
        }
        var message = new byte[length];
        var offset = WriteHead(message, query, DnsResponseCode.NoError, truncated: false, answers: 1);
        offset = WriteRecordHead(message, offset, DnsRecordType.Ptr, (ushort)hostWireName.Length);
        hostWireName.CopyTo(message, offset);
        return message;
    }

    /// <summary>
    /// No answer records: NOERROR for a name that exists without records of the asked type,
    /// NXDOMAIN, SERVFAIL when no upstream answered, REFUSED.
    /// </summary>
    public static byte[] Empty(DnsQuery query, DnsResponseCode code)
    {
        var message = new byte[DnsHeader.Length + query.Question.WireLength];
        WriteHead(message, query, code, truncated: false, answers: 0);
        return message;
    }

    /// <summary>
    /// A bare header for a query whose question could not be read (FORMERR) or whose opcode is not
    /// QUERY (NOTIMP); null when the packet has no complete header to take the ID from.
    /// </summary>
    public static byte[]? HeaderOnly(ReadOnlySpan<byte> packet, DnsResponseCode code)
    {
        if (packet.Length < DnsHeader.Length) return null;
        var message = new byte[DnsHeader.Length];
        packet[..2].CopyTo(message);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(packet[DnsHeader.FlagsOffset..]);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(DnsHeader.FlagsOffset), ReplyFlags(flags, code, truncated: false));
        return message;
    }

    private static ushort ReplyFlags(ushort queryFlags, DnsResponseCode code, bool truncated)
    {
        var flags = DnsHeader.Response | DnsHeader.RecursionAvailable | (queryFlags & DnsHeader.OpcodeMask);
        // As miekg/dns's SetReply, which Docker uses: RD and CD are echoed for standard queries only.
        if ((queryFlags & DnsHeader.OpcodeMask) == 0)
            flags |= queryFlags & (DnsHeader.RecursionDesired | DnsHeader.CheckingDisabled);
        if (truncated) flags |= DnsHeader.Truncated;
        return (ushort)(flags | (byte)code);
    }

    private static int WriteHead(Span<byte> message, DnsQuery query, DnsResponseCode code, bool truncated, ushort answers)
    {
        BinaryPrimitives.WriteUInt16BigEndian(message, query.Id);
        BinaryPrimitives.WriteUInt16BigEndian(message[DnsHeader.FlagsOffset..], ReplyFlags(query.Flags, code, truncated));
        BinaryPrimitives.WriteUInt16BigEndian(message[DnsHeader.QuestionCountOffset..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(message[DnsHeader.AnswerCountOffset..], answers);
        var offset = DnsHeader.Length;
        query.Question.WireName.CopyTo(message[offset..]);
        offset += query.Question.WireName.Length;
        BinaryPrimitives.WriteUInt16BigEndian(message[offset..], (ushort)query.Question.Type);
        BinaryPrimitives.WriteUInt16BigEndian(message[(offset + 2)..], query.Question.Class);
        return offset + 4;
    }

    private static int WriteRecordHead(Span<byte> message, int offset, DnsRecordType type, ushort dataLength)
    {
        BinaryPrimitives.WriteUInt16BigEndian(message[offset..], DnsHeader.QuestionNamePointer);
        BinaryPrimitives.WriteUInt16BigEndian(message[(offset + 2)..], (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(message[(offset + 4)..], DnsQuestion.ClassInternet);
        BinaryPrimitives.WriteUInt32BigEndian(message[(offset + 6)..], Ttl);
        BinaryPrimitives.WriteUInt16BigEndian(message[(offset + 10)..], dataLength);
        return offset + RecordFixedLength;
    }
}
