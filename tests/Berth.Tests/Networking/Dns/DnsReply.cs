using System.Buffers.Binary;
using Xunit;

namespace Berth.Tests.Networking.Dns;

/// <summary>A reply read back field by field.</summary>
internal sealed record DnsReply(ushort Id, ushort Flags, int AnswerCount, byte[] QuestionName, ushort QuestionType, List<DnsReply.Record> Answers)
{
    public sealed record Record(ushort NamePointer, ushort Type, ushort Class, uint Ttl, byte[] Data);

    public int ResponseCode => Flags & 0xF;
    public bool IsResponse => (Flags & 0x8000) != 0;
    public bool Truncated => (Flags & 0x0200) != 0;
    public bool RecursionAvailable => (Flags & 0x0080) != 0;
    public bool RecursionDesired => (Flags & 0x0100) != 0;
    public bool Authoritative => (Flags & 0x0400) != 0;

    public static DnsReply Read(byte[] m)
    {
        ushort U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(at));
        var at = 12;
        byte[] questionName = [];
        ushort questionType = 0;
        if (U16(4) == 1)
        {
            while (m[at] != 0) at += m[at] + 1;
            at++;
            questionName = m[12..at];
            questionType = U16(at);
            at += 4;
        }
        var answers = new List<Record>();
        for (var i = 0; i < U16(6); i++)
        {
            var length = U16(at + 10);
            answers.Add(new Record(U16(at), U16(at + 2), U16(at + 4), BinaryPrimitives.ReadUInt32BigEndian(m.AsSpan(at + 6)), m[(at + 12)..(at + 12 + length)]));
            at += 12 + length;
        }
        Assert.Equal(m.Length, at);
        return new DnsReply(U16(0), U16(2), U16(6), questionName, questionType, answers);
    }
}
