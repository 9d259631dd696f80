using Berth.Protocol.Streams;
using Xunit;

namespace Berth.Tests.Exec;

public class DetachKeysTests
{
    private static (bool Detached, byte[] Delivered) Feed(DetachKeys keys, params byte[] input)
    {
        var output = new List<byte>();
        var detached = keys.Filter(input, output);
        return (detached, output.ToArray());
    }

    [Fact]
    public void The_default_sequence_detaches_and_is_not_delivered()
    {
        var keys = DetachKeys.Parse("");
        var (detached, delivered) = Feed(keys, (byte)'a', (byte)'b', 0x10);
        Assert.False(detached);
        Assert.Equal("ab"u8.ToArray(), delivered);
        Assert.True(Feed(keys, 0x11).Detached);
    }

    [Fact]
    public void A_partial_sequence_is_delivered_once_it_breaks()
    {
        var keys = DetachKeys.Parse("ctrl-p,ctrl-q");
        var (detached, delivered) = Feed(keys, 0x10, (byte)'x', 0x10, 0x10);
        Assert.False(detached);
        Assert.Equal(new byte[] { 0x10, (byte)'x', 0x10 }, delivered);
        Assert.True(Feed(keys, 0x11).Detached);
    }

    [Fact]
    public void Custom_keys_use_docker_syntax()
    {
        var keys = DetachKeys.Parse("ctrl-a,x");
        Assert.True(Feed(keys, 1, (byte)'x').Detached);
        Assert.Equal("Invalid escape keys (ctrl-1) provided", Assert.Throws<FormatException>(() => DetachKeys.Parse("ctrl-1")).Message);
    }
}
