using Berth.Protocol.Formatting;
using Xunit;

namespace Berth.Tests.Formatting;

public class HumanUnitsTests
{
    [Theory]
    [InlineData(-5, "Less than a second")]
    [InlineData(0, "Less than a second")]
    [InlineData(0.999, "Less than a second")]
    [InlineData(1, "1 second")]
    [InlineData(1.9, "1 second")]
    [InlineData(3, "3 seconds")]
    [InlineData(59, "59 seconds")]
    [InlineData(60, "About a minute")]
    [InlineData(119, "About a minute")]
    [InlineData(120, "2 minutes")]
    [InlineData(59 * 60 + 59, "59 minutes")]
    [InlineData(60 * 60, "About an hour")]
    [InlineData(89 * 60, "About an hour")]
    [InlineData(90 * 60, "2 hours")]
    [InlineData(47 * 3600, "47 hours")]
    [InlineData(47.5 * 3600, "2 days")]
    [InlineData(13 * 86400, "13 days")]
    [InlineData(14 * 86400, "2 weeks")]
    [InlineData(59 * 86400, "8 weeks")]
    [InlineData(60 * 86400, "2 months")]
    [InlineData(729 * 86400, "24 months")]
    [InlineData(730 * 86400, "2 years")]
    [InlineData(3650 * 86400, "10 years")]
    public void HumanDurationMatchesGoUnits(double seconds, string expected) =>
        Assert.Equal(expected, HumanUnits.HumanDuration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(0, "0B")]
    [InlineData(1, "1B")]
    [InlineData(999, "999B")]
    [InlineData(1000, "1kB")]
    [InlineData(1234, "1.23kB")]
    [InlineData(1125, "1.12kB")]
    [InlineData(1135, "1.14kB")]
    [InlineData(1145, "1.15kB")]
    [InlineData(4100, "4.1kB")]
    [InlineData(1234567, "1.23MB")]
    [InlineData(999499, "999kB")]
    [InlineData(999500, "1e+03kB")]
    [InlineData(123456789, "123MB")]
    [InlineData(1000000000, "1GB")]
    [InlineData(5500000000, "5.5GB")]
    [InlineData(long.MaxValue, "9.22EB")]
    public void HumanSizeUsesThreeSignificantDigits(long bytes, string expected) =>
        Assert.Equal(expected, HumanUnits.HumanSize(bytes));

    [Theory]
    [InlineData(1234567, 4, "1.235MB")]
    [InlineData(2746000, 4, "2.746MB")]
    [InlineData(796000, 4, "796kB")]
    [InlineData(1, 4, "1B")]
    [InlineData(12345, 2, "12kB")]
    public void HumanSizeWithPrecision(double size, int precision, string expected) =>
        Assert.Equal(expected, HumanUnits.HumanSizeWithPrecision(size, precision));

    [Theory]
    [InlineData(500, "500B")]
    [InlineData(1024, "1KiB")]
    [InlineData(1536, "1.5KiB")]
    [InlineData(1048576, "1MiB")]
    [InlineData(18350080, "17.5MiB")]
    [InlineData(10737418240, "10GiB")]
    public void BytesSizeUsesBinaryUnits(double size, string expected) =>
        Assert.Equal(expected, HumanUnits.BytesSize(size));

    [Theory]
    [InlineData("512m", 536870912)]
    [InlineData("1g", 1073741824)]
    [InlineData("64MiB", 67108864)]
    [InlineData("64MB", 67108864)]
    [InlineData("64mb", 67108864)]
    [InlineData("100", 100)]
    [InlineData("100b", 100)]
    [InlineData("100B", 100)]
    [InlineData("1.5k", 1536)]
    [InlineData("1 k", 1024)]
    [InlineData("1 ", 1)]
    [InlineData("32kib", 32768)]
    [InlineData("1KIB", 1024)]
    [InlineData("2t", 2199023255552)]
    [InlineData("1p", 1125899906842624)]
    [InlineData("0.5", 0)]
    public void RamInBytesParsesBinarySizes(string text, long expected) =>
        Assert.Equal(expected, HumanUnits.RamInBytes(text));

    [Theory]
    [InlineData("44kB", 44000)]
    [InlineData("17MB", 17000000)]
    [InlineData("1.5G", 1500000000)]
    [InlineData("32", 32)]
    [InlineData("2KiB", 2000)]
    public void FromHumanSizeParsesDecimalSizes(string text, long expected) =>
        Assert.Equal(expected, HumanUnits.FromHumanSize(text));

    [Theory]
    [InlineData("", "invalid size: ''")]
    [InlineData("abc", "invalid size: 'abc'")]
    [InlineData("-1", "invalid size: '-1'")]
    [InlineData("1x", "invalid suffix: 'x'")]
    [InlineData("1kbb", "invalid suffix: 'kbb'")]
    [InlineData("1kx", "invalid suffix: 'kx'")]
    [InlineData("1bb", "invalid suffix: 'bb'")]
    [InlineData("1 KBBB", "invalid suffix: 'KBBB'")]
    [InlineData("1..5m", "strconv.ParseFloat: parsing \"1..5\": invalid syntax")]
    [InlineData(" 1m", "strconv.ParseFloat: parsing \" 1\": invalid syntax")]
    [InlineData("1e400", "strconv.ParseFloat: parsing \"1e400\": value out of range")]
    public void SizeParsingErrorsMatchGoUnits(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => HumanUnits.RamInBytes(text));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void GoDurationHelpersRoundTripThroughTimeSpan()
    {
        Assert.Equal(TimeSpan.FromSeconds(5405.5), HumanUnits.ParseGoDuration("1h30m5.5s"));
        Assert.Equal("1h30m5.5s", HumanUnits.FormatGoDuration(TimeSpan.FromSeconds(5405.5)));
        Assert.Equal("300ms", HumanUnits.FormatGoDuration(TimeSpan.FromMilliseconds(300)));
    }
}
