using Berth.Engine.Networking.Dns;
using Xunit;

namespace Berth.Tests.Networking.Dns;

public sealed class DnsNameTests
{
    // A message whose bytes 12.. hold "foo.example" and, at 25, "bar" + a pointer to "example" (16).
    private static readonly byte[] Compressed =
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        3, (byte)'f', (byte)'o', (byte)'o', 7, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', 0,
        3, (byte)'B', (byte)'A', (byte)'R', 0xC0, 16,
        0xFF,
    ];

    [Fact]
    public void A_compressed_name_is_followed_and_the_offset_ends_after_the_pointer()
    {
        var offset = 25;

        Assert.True(DnsName.TryRead(Compressed, ref offset, out var wire));
        Assert.Equal(31, offset);
        Assert.Equal("bar.example", DnsName.ToText(wire));
        Assert.Equal("\u0003BAR\u0007example\0"u8.ToArray(), wire);
    }

    [Fact]
    public void A_pointer_to_itself_or_forward_is_refused()
    {
        var self = Compressed.ToArray();
        self[30] = 29;
        var forward = Compressed.ToArray();
        forward[30] = 31;
        var offset = 25;

        Assert.False(DnsName.TryRead(self, ref offset, out _));
        offset = 25;
        Assert.False(DnsName.TryRead(forward, ref offset, out _));
    }

    [Fact]
    public void Two_pointers_that_point_at_each_other_are_refused()
    {
        // At 12: pointer to 14; at 14: label "a", then a pointer back to 12.
        byte[] message = [.. new byte[12], 0xC0, 14, 1, (byte)'a', 0xC0, 12];
        var offset = 16;

        Assert.False(DnsName.TryRead(message, ref offset, out _));
    }

    [Fact]
    public void A_name_longer_than_255_bytes_is_refused()
    {
        var labels = Enumerable.Repeat(new byte[] { 63 }.Concat(Enumerable.Repeat((byte)'x', 63)), 4).SelectMany(l => l);
        byte[] message = [.. labels, 0];
        var offset = 0;

        Assert.False(DnsName.TryRead(message, ref offset, out _));
    }

    [Fact]
    public void Reserved_label_types_are_refused()
    {
        var offset = 0;
        Assert.False(DnsName.TryRead([0x41, (byte)'a', 0], ref offset, out _));
    }

    [Fact]
    public void Dots_and_odd_bytes_inside_a_label_are_escaped_so_they_match_no_container()
    {
        byte[] wire = [3, (byte)'a', (byte)'.', (byte)'b', 2, 0xC3, (byte)'\\', 0];

        Assert.Equal("a\\046b.\\195\\092", DnsName.ToText(wire));
    }

    [Fact]
    public void The_root_name_is_empty()
    {
        Assert.Equal("", DnsName.ToText([0]));
    }

    [Theory]
    [InlineData("web.mynet.", true)]
    [InlineData("web.mynet", true)]
    [InlineData("web..mynet", false)]
    [InlineData("", false)]
    [InlineData("wéb", false)]
    public void Host_names_encode_to_labels(string name, bool encodes)
    {
        Assert.Equal(encodes, DnsName.TryEncode(name, out var wire));
        if (encodes) Assert.Equal("\u0003web\u0005mynet\0"u8.ToArray(), wire);
    }
}
