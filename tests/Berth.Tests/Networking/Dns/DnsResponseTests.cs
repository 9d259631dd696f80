using System.Net;
using Berth.Engine.Networking.Dns;
using Xunit;

namespace Berth.Tests.Networking.Dns;

public sealed class DnsResponseTests
{
    private static DnsQuery Parse(byte[] packet)
    {
        Assert.Equal(DnsParseResult.Query, DnsQuery.Parse(packet, out var query));
        return query!;
    }

    [Fact]
    public void An_address_answer_is_shaped_as_dockers()
    {
        var query = Parse(DnsPackets.Query(0x1234, "Web", flags: 0x0110));

        var reply = DnsReply.Read(DnsResponse.Addresses(query, [IPAddress.Parse("172.18.0.2"), IPAddress.Parse("fd00::2"), IPAddress.Parse("172.18.0.3")], 512));

        Assert.Equal(0x1234, reply.Id);
        // QR, RD and CD echoed, RA set; not authoritative, not truncated, NOERROR.
        Assert.Equal(0x8000 | 0x0100 | 0x0010 | 0x0080, reply.Flags);
        Assert.Equal("\u0003Web\0"u8.ToArray(), reply.QuestionName);
        Assert.Equal(1, reply.QuestionType);
        Assert.Equal(2, reply.AnswerCount);
        Assert.All(reply.Answers, a =>
        {
            Assert.Equal(0xC00C, a.NamePointer);
            Assert.Equal(1, a.Type);
            Assert.Equal(1, a.Class);
            Assert.Equal(600u, a.Ttl);
        });
        Assert.Equal([172, 18, 0, 2], reply.Answers[0].Data);
        Assert.Equal([172, 18, 0, 3], reply.Answers[1].Data);
    }

    [Fact]
    public void An_aaaa_answer_takes_only_the_ipv6_addresses()
    {
        var query = Parse(DnsPackets.Query(1, "web", type: 28));

        var reply = DnsReply.Read(DnsResponse.Addresses(query, [IPAddress.Parse("172.18.0.2"), IPAddress.Parse("fd00::2")], 512));

        Assert.Equal(28, Assert.Single(reply.Answers).Type);
        Assert.Equal(IPAddress.Parse("fd00::2").GetAddressBytes(), reply.Answers[0].Data);
    }

    [Fact]
    public void Answers_that_do_not_fit_the_udp_size_are_cut_and_tc_set()
    {
        var query = Parse(DnsPackets.Query(1, "web"));
        var many = Enumerable.Range(1, 100).Select(i => new IPAddress([10, 0, 0, (byte)i])).ToList();

        var message = DnsResponse.Addresses(query, many, 512);
        var reply = DnsReply.Read(message);

        Assert.True(message.Length <= 512);
        Assert.True(reply.Truncated);
        Assert.Equal((512 - 12 - 9) / 16, reply.AnswerCount);
        Assert.False(DnsReply.Read(DnsResponse.Addresses(query, many, 65535)).Truncated);
    }

    [Fact]
    public void A_pointer_answer_names_the_host()
    {
        var query = Parse(DnsPackets.Query(9, "2.0.18.172.in-addr.arpa", type: 12));
        Assert.True(DnsName.TryEncode("web.mynet", out var host));

        var reply = DnsReply.Read(DnsResponse.Pointer(query, host, 512));

        var answer = Assert.Single(reply.Answers);
        Assert.Equal(12, answer.Type);
        Assert.Equal(600u, answer.Ttl);
        Assert.Equal("\u0003web\u0005mynet\0"u8.ToArray(), answer.Data);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    public void Empty_replies_carry_the_question_and_the_code(int code)
    {
        var query = Parse(DnsPackets.Query(77, "nothing.here"));

        var reply = DnsReply.Read(DnsResponse.Empty(query, (DnsResponseCode)code));

        Assert.Equal(77, reply.Id);
        Assert.Equal(code, reply.ResponseCode);
        Assert.Equal(0, reply.AnswerCount);
        Assert.Equal(14, reply.QuestionName.Length);
    }

    [Fact]
    public void A_header_only_reply_keeps_the_id_and_opcode()
    {
        var packet = DnsPackets.Query(0x4242, "web", flags: 0x1100);

        var message = DnsResponse.HeaderOnly(packet, DnsResponseCode.NotImplemented)!;

        Assert.Equal(12, message.Length);
        Assert.Equal(0x4242, DnsPackets.Id(message));
        Assert.Equal(0x8000 | 0x1000 | 0x0080 | 4, (message[2] << 8) | message[3]);
        Assert.Null(DnsResponse.HeaderOnly(new byte[5], DnsResponseCode.FormatError));
    }

    [Theory]
    [InlineData("2.0.18.172.in-addr.arpa", "172.18.0.2")]
    [InlineData("b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.0.0.0.0.1.2.3.4.ip6.arpa", "4321:0:1:2:3:4:567:89ab")]
    public void Reverse_names_give_the_address(string name, string address)
    {
        Assert.True(DnsReverseName.TryParse(name, out var parsed));
        Assert.Equal(IPAddress.Parse(address), parsed);
    }

    [Theory]
    [InlineData("0.18.172.in-addr.arpa")]
    [InlineData("256.0.18.172.in-addr.arpa")]
    [InlineData("+2.0.18.172.in-addr.arpa")]
    [InlineData("a.0.18.172.in-addr.arpa")]
    [InlineData("1.2.ip6.arpa")]
    [InlineData("web.mynet")]
    public void Other_names_are_no_reverse_names(string name)
    {
        Assert.False(DnsReverseName.TryParse(name, out _));
    }
}
