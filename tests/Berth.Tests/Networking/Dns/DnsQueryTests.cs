using Berth.Engine.Networking.Dns;
using Xunit;

namespace Berth.Tests.Networking.Dns;

public sealed class DnsQueryTests
{
    [Fact]
    public void A_query_gives_its_id_type_and_a_lower_case_name_without_trailing_dot()
    {
        var packet = DnsPackets.Query(0xBEEF, "Web.MyNet.", type: 28);

        Assert.Equal(DnsParseResult.Query, DnsQuery.Parse(packet, out var query));
        Assert.Equal(0xBEEF, query!.Id);
        Assert.Equal("web.mynet", query.Question.Name);
        Assert.Equal(DnsRecordType.Aaaa, query.Question.Type);
        Assert.Equal(DnsQuestion.ClassInternet, query.Question.Class);
        Assert.Equal(DnsQuery.MinUdpPayloadSize, query.UdpPayloadSize);
        // The wire name keeps the client's case for the reply.
        Assert.Equal("\u0003Web\u0005MyNet\0"u8.ToArray(), query.Question.WireName);
    }

    [Theory]
    [InlineData(1232, 1232)]
    [InlineData(100, 512)]
    [InlineData(65000, 4096)]
    public void The_udp_reply_size_comes_from_an_edns_opt_record_within_bounds(int advertised, int expected)
    {
        DnsQuery.Parse(DnsPackets.Query(1, "web", udpSize: advertised), out var query);

        Assert.Equal(expected, query!.UdpPayloadSize);
    }

    [Fact]
    public void A_packet_that_is_itself_a_response_is_ignored_so_two_servers_cannot_loop()
    {
        Assert.Equal(DnsParseResult.Ignored, DnsQuery.Parse(DnsPackets.Query(1, "web", flags: 0x8100), out _));
    }

    [Fact]
    public void Packets_shorter_than_a_header_are_ignored()
    {
        Assert.Equal(DnsParseResult.Ignored, DnsQuery.Parse([], out _));
        Assert.Equal(DnsParseResult.Ignored, DnsQuery.Parse(new byte[11], out _));
    }

    [Fact]
    public void An_opcode_other_than_query_is_unsupported()
    {
        Assert.Equal(DnsParseResult.Unsupported, DnsQuery.Parse(DnsPackets.Query(1, "web", flags: 0x1000), out _));
    }

    [Fact]
    public void Queries_without_exactly_one_question_are_malformed()
    {
        var none = DnsPackets.Query(1, "web");
        none[5] = 0;
        var two = DnsPackets.Query(1, "web");
        two[5] = 2;

        Assert.Equal(DnsParseResult.Malformed, DnsQuery.Parse(none, out _));
        Assert.Equal(DnsParseResult.Malformed, DnsQuery.Parse(two, out _));
    }

    [Fact]
    public void Every_truncation_of_a_query_is_rejected_without_throwing()
    {
        var packet = DnsPackets.Query(7, "some.container.name", udpSize: 1232);
        var questionEnd = packet.Length - 11;

        for (var length = 0; length < questionEnd; length++)
        {
            var result = DnsQuery.Parse(packet.AsSpan(0, length), out var query);
            Assert.Null(query);
            Assert.Equal(length < 12 ? DnsParseResult.Ignored : DnsParseResult.Malformed, result);
        }
        // Cut inside the OPT record: the question is intact, only EDNS is lost.
        DnsQuery.Parse(packet.AsSpan(0, packet.Length - 3), out var cut);
        Assert.Equal(DnsQuery.MinUdpPayloadSize, cut!.UdpPayloadSize);
    }

    [Fact]
    public void A_compression_pointer_in_the_question_to_itself_is_malformed()
    {
        byte[] packet = [0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1];

        Assert.Equal(DnsParseResult.Malformed, DnsQuery.Parse(packet, out _));
    }

    [Fact]
    public void Random_packets_never_throw()
    {
        var random = new Random(20240611);
        var packet = new byte[300];
        for (var i = 0; i < 20000; i++)
        {
            var length = random.Next(packet.Length);
            random.NextBytes(packet.AsSpan(0, length));
            // Mostly valid headers, so the fuzzing reaches the name parser.
            if (length > 5 && random.Next(2) == 0) { packet[2] = 1; packet[3] = 0; packet[4] = 0; packet[5] = 1; }
            DnsQuery.Parse(packet.AsSpan(0, length), out _);
            DnsQueryHandler.Handle(packet.AsSpan(0, length), new TestResolver(), overTcp: false);
        }
    }
}
