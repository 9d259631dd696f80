using Berth.Protocol.Formatting;
using Xunit;

namespace Berth.Tests.Formatting;

public class GoFloatAndQuoteTests
{
    [Theory]
    [InlineData(0.0, 'g', -1, "0")]
    [InlineData(-0.0, 'g', -1, "-0")]
    [InlineData(1.5, 'g', -1, "1.5")]
    [InlineData(123456.0, 'g', -1, "123456")]
    [InlineData(1234567.0, 'g', -1, "1.234567e+06")]
    [InlineData(0.0001, 'g', -1, "0.0001")]
    [InlineData(0.00001, 'g', -1, "1e-05")]
    [InlineData(1e100, 'g', -1, "1e+100")]
    [InlineData(5e-324, 'g', -1, "5e-324")]
    [InlineData(0.1, 'f', 20, "0.10000000000000000555")]
    [InlineData(2.5, 'f', 0, "2")]
    [InlineData(1.125, 'g', 3, "1.12")]
    [InlineData(999.5, 'g', 3, "1e+03")]
    [InlineData(0.0, 'e', 2, "0.00e+00")]
    [InlineData(123.456, 'E', 1, "1.2E+02")]
    [InlineData(double.NaN, 'g', -1, "NaN")]
    [InlineData(double.PositiveInfinity, 'g', -1, "+Inf")]
    [InlineData(double.NegativeInfinity, 'f', 2, "-Inf")]
    public void FormatsLikeStrconv(double value, char format, int precision, string expected) =>
        Assert.Equal(expected, GoFloat.Format(value, format, precision));

    [Theory]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(0.0000001, "1e-7")]
    [InlineData(-2.5, "-2.5")]
    public void FormatsJsonNumbersLikeEncodingJson(double value, string expected) =>
        Assert.Equal(expected, GoFloat.FormatJson(value));

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("tab\tnl\n\u0001\u007f", "\"tab\\tnl\\n\\x01\\x7f\"")]
    [InlineData("héllo \u00a0\u200b", "\"héllo \\u00a0\\u200b\"")]
    [InlineData("\U0001F600", "\"\U0001F600\"")]
    public void QuotesLikeStrconv(string value, string expected) => Assert.Equal(expected, GoStrings.Quote(value));

    [Fact]
    public void QuotesToAsciiAndRunes()
    {
        Assert.Equal("\"h\\u00e9\"", GoStrings.QuoteToAscii("hé"));
        Assert.Equal("'a'", GoStrings.QuoteRune('a'));
        Assert.Equal("'\\''", GoStrings.QuoteRune('\''));
        Assert.Equal("'\\n'", GoStrings.QuoteRune('\n'));
    }
}
