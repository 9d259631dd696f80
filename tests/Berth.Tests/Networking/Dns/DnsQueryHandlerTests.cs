using System.Net;
using Berth.Engine.Networking.Dns;
using Xunit;

namespace Berth.Tests.Networking.Dns;

public sealed class DnsQueryHandlerTests
{
    private readonly TestResolver _resolver = new();

    public DnsQueryHandlerTests()
    {
        _resolver.Names["web"] = [IPAddress.Parse("172.18.0.2")];
        _resolver.Names["stopped"] = [];
        _resolver.Reverse[IPAddress.Parse("172.18.0.2")] = "web.mynet";
    }

    private DnsHandling Handle(byte[] packet) => DnsQueryHandler.Handle(packet, _resolver, overTcp: false);

    [Fact]
    public void A_container_name_is_answered_whatever_its_case_and_trailing_dot()
    {
        var reply = DnsReply.Read(Handle(DnsPackets.Query(5, "WEB.", type: 1)).Reply!);

        Assert.Equal([172, 18, 0, 2], Assert.Single(reply.Answers).Data);
        Assert.Equal(["web"], _resolver.Asked);
    }

    [Fact]
    public void Aaaa_for_a_container_name_is_an_empty_noerror_not_forwarded()
    {
        var reply = DnsReply.Read(Handle(DnsPackets.Query(5, "web", type: 28)).Reply!);

        Assert.Equal(0, reply.ResponseCode);
        Assert.Empty(reply.Answers);
    }

    [Fact]
    public void A_known_name_without_addresses_is_an_empty_noerror()
    {
        var reply = DnsReply.Read(Handle(DnsPackets.Query(5, "stopped")).Reply!);

        Assert.Equal(0, reply.ResponseCode);
        Assert.Empty(reply.Answers);
    }

    [Fact]
    public void Mx_for_a_container_name_is_an_empty_noerror()
    {
        Assert.Empty(DnsReply.Read(Handle(DnsPackets.Query(5, "web", type: 15)).Reply!).Answers);
    }

    [Fact]
    public void A_container_address_is_answered_by_ptr()
    {
        var reply = DnsReply.Read(Handle(DnsPackets.Query(5, "2.0.18.172.in-addr.arpa", type: 12)).Reply!);

        Assert.Equal("\u0003web\u0005mynet\0"u8.ToArray(), Assert.Single(reply.Answers).Data);
    }

    [Theory]
    [InlineData("example.com", 1)]
    [InlineData("web", 16)]
    [InlineData("9.9.9.9.in-addr.arpa", 12)]
    public void Other_questions_go_upstream(string name, ushort type)
    {
        var handling = Handle(DnsPackets.Query(5, name, type));

        Assert.Null(handling.Reply);
        Assert.Equal(name, handling.Forward!.Question.Name);
    }

    [Fact]
    public void Questions_of_another_class_go_upstream()
    {
        Assert.NotNull(Handle(DnsPackets.Query(5, "web", @class: 3)).Forward);
    }

    [Fact]
    public void A_broken_question_gets_formerr_and_a_response_nothing()
    {
        var broken = DnsPackets.Query(5, "web");
        broken[12] = 60;

        Assert.Equal(1, Handle(broken).Reply![3] & 0xF);
        Assert.True(Handle(DnsPackets.Query(5, "web", flags: 0x8000)).IsDrop);
    }
}
