using Berth.Engine.Content;
using Berth.Engine.Snapshots;
using Xunit;

namespace Berth.Tests.Content;

public sealed class ChainIdTests
{
    [Fact]
    public void The_first_chain_id_is_the_diff_id_and_the_next_hash_the_parent_and_the_diff()
    {
        var a = Digest.FromBytes("a"u8);
        var b = Digest.FromBytes("b"u8);
        var chain = ChainId.ForDiffIds([a, b]);
        Assert.Equal(a, chain[0]);
        Assert.Equal(Digest.FromBytes(System.Text.Encoding.ASCII.GetBytes($"{a} {b}")), chain[1]);
    }
}
