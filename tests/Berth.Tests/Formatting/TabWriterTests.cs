using Berth.Cli.Formatting;
using Xunit;

namespace Berth.Tests.Formatting;

public class TabWriterTests
{
    [Theory]
    [InlineData("a\tb\n", "a         b\n")]
    [InlineData("abcdefghijk\tb\nx\ty\n", "abcdefghijk   b\nx             y\n")]
    [InlineData("a\tb\tc\nxx\n1\t2\t3\n", "a         b         c\nxx\n1         2         3\n")]
    [InlineData("aaaa\tbbb\td\naa\tb\tdd\na\naa\tcccc\teee\n",
        "aaaa      bbb       d\naa        b         dd\na\naa        cccc      eee\n")]
    [InlineData("no tabs here\n", "no tabs here\n")]
    [InlineData("a\t\n\tb\n", "a         \n          b\n")]
    [InlineData("日本語\tx\nab\ty\n", "日本語    x\nab        y\n")]
    [InlineData("tail without newline\tz", "tail without newline   z")]
    public void AlignsLikeGoTabwriter(string input, string expected) => Assert.Equal(expected, TabWriter.Align(input));
}
