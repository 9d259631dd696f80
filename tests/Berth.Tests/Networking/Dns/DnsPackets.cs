using System.Buffers.Binary;

namespace Berth.Tests.Networking.Dns;

/// <summary>Builds queries and reads replies for the tests, written apart from the code under test.</summary>
internal static class DnsPackets
{
    public static byte[] Query(ushort id, string name, ushort type = 1, ushort flags = 0x0100, ushort @class = 1, int udpSize = 0)
    {
        var bytes = new List<byte>();
        void U16(int v) { bytes.Add((byte)(v >> 8)); bytes.Add((byte)v); }
        U16(id); U16(flags); U16(1); U16(0); U16(0); U16(udpSize > 0 ? 1 : 0);
        foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(label.Select(c => (byte)c));
        }
        bytes.Add(0);
        U16(type); U16(@class);
        if (udpSize > 0)
        {
            // An OPT pseudo-record: root name, type 41, the payload size in the class field.
            bytes.Add(0); U16(41); U16(udpSize); U16(0); U16(0); U16(0);
        }
        return bytes.ToArray();
    }

    /// <summary>A reply as an upstream server would send it: one A record for the question.</summary>
    public static byte[] UpstreamReply(byte[] query, byte[] address, byte rcode = 0)
    {
        var reply = new List<byte>(query[..12]);
        reply[2] = (byte)(0x80 | query[2]);
        reply[3] = (byte)(0x80 | rcode);
        reply[6] = 0; reply[7] = 1;
        reply[10] = 0; reply[11] = 0;
        var questionEnd = 12;
        while (query[questionEnd] != 0) questionEnd += query[questionEnd] + 1;
        questionEnd += 5;
        reply.AddRange(query[12..questionEnd]);
        reply.AddRange([0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0, 42, 0, 4]);
        reply.AddRange(address);
        return reply.ToArray();
    }

    public static ushort Id(ReadOnlySpan<byte> message) => BinaryPrimitives.ReadUInt16BigEndian(message);
}
