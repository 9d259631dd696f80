using Berth.Protocol.Formatting;
using Xunit;

namespace Berth.Tests.Formatting;

public class GoDurationTests
{
    private const long S = GoDuration.Second;

    [Theory]
    [InlineData("0", 0)]
    [InlineData("+0", 0)]
    [InlineData("-0", 0)]
    [InlineData("0s", 0)]
    [InlineData("5s", 5 * S)]
    [InlineData("1h30m5.5s", 5405 * S + 500_000_000)]
    [InlineData("300ms", 300_000_000)]
    [InlineData("-1.5h", -5400 * S)]
    [InlineData("+2m", 120 * S)]
    [InlineData("1ns", 1)]
    [InlineData("1us", 1000)]
    [InlineData("1\u00b5s", 1000)]
    [InlineData("1\u03bcs", 1000)]
    [InlineData("2h45m", 9900 * S)]
    [InlineData(".5s", 500_000_000)]
    [InlineData("1.s", S)]
    [InlineData("1h1h", 7200 * S)]
    [InlineData("1.0000000000000000000001s", S)]
    [InlineData("9223372036854775807ns", long.MaxValue)]
    [InlineData("-9223372036854775808ns", long.MinValue)]
    public void ParsesLikeTimeParseDuration(string text, long expected) =>
        Assert.Equal(expected, GoDuration.Parse(text));

    [Theory]
    [InlineData("", "time: invalid duration \"\"")]
    [InlineData("-", "time: invalid duration \"-\"")]
    [InlineData("x", "time: invalid duration \"x\"")]
    [InlineData(".s", "time: invalid duration \".s\"")]
    [InlineData("1h-1m", "time: unknown unit \"h-\" in duration \"1h-1m\"")]
    [InlineData("1h+", "time: unknown unit \"h+\" in duration \"1h+\"")]
    [InlineData("1h.", "time: invalid duration \"1h.\"")]
    [InlineData("1", "time: missing unit in duration \"1\"")]
    [InlineData("1x", "time: unknown unit \"x\" in duration \"1x\"")]
    [InlineData("1\u00e9", "time: unknown unit \"\\xc3\\xa9\" in duration \"1\\xc3\\xa9\"")]
    [InlineData("9223372036854775808ns", "time: invalid duration \"9223372036854775808ns\"")]
    [InlineData("3000000h", "time: invalid duration \"3000000h\"")]
    public void ReportsGoErrors(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => GoDuration.Parse(text));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(1, "1ns")]
    [InlineData(999, "999ns")]
    [InlineData(1500, "1.5\u00b5s")]
    [InlineData(1_500_000, "1.5ms")]
    [InlineData(300_000_000, "300ms")]
    [InlineData(S, "1s")]
    [InlineData(S + 500_000_000, "1.5s")]
    [InlineData(90 * S, "1m30s")]
    [InlineData(120 * S, "2m0s")]
    [InlineData(3600 * S, "1h0m0s")]
    [InlineData(5405 * S + 500_000_000, "1h30m5.5s")]
    [InlineData(-90 * S, "-1m30s")]
    [InlineData(S + 1, "1.000000001s")]
    [InlineData(long.MinValue, "-2562047h47m16.854775808s")]
    public void FormatsLikeDurationString(long nanoseconds, string expected) =>
        Assert.Equal(expected, GoDuration.Format(nanoseconds));
}
