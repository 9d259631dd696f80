using Berth.Protocol.Formatting;
using Xunit;

namespace Berth.Tests.Formatting;

public class DockerTimeTests
{
    // 2024-01-02T03:04:05Z = 1704164645.
    private static readonly DateTimeOffset NowUtc = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset NowPlusTwo = NowUtc.ToOffset(TimeSpan.FromHours(2));

    [Theory]
    [InlineData("10m", "1704164045")]
    [InlineData("1h30m", "1704159245")]
    [InlineData("-10m", "1704165245")]
    [InlineData("1.5s", "1704164643")]
    [InlineData("2024-01-01", "1704067200.000000000")]
    [InlineData("2024-01-01T10:00:00Z", "1704103200.000000000")]
    [InlineData("2024-01-01T10:00:00+01:00", "1704099600.000000000")]
    [InlineData("2024-01-01T10:00:00-01:00", "1704106800.000000000")]
    [InlineData("2024-01-01T10:00:00.5Z", "1704103200.500000000")]
    [InlineData("2024-01-01T10:00:00.123456789", "1704103200.123456789")]
    [InlineData("2024-01-01T10:00:00", "1704103200.000000000")]
    [InlineData("2024-01-01T10", "1704103200.000000000")]
    [InlineData("2024-01-01T10:30", "1704105000.000000000")]
    [InlineData("2024-01-01T10Z", "1704103200.000000000")]
    [InlineData("2024-01-01T10:30+01:00", "1704101400.000000000")]
    [InlineData("2024-01-01Z", "1704067200.000000000")]
    [InlineData("2024-01-01+01:00", "1704063600.000000000")]
    [InlineData("2024-02-29", "1709164800.000000000")]
    [InlineData("1700000000", "1700000000")]
    [InlineData("1700000000.123456789", "1700000000.123456789")]
    [InlineData("1700000000.5", "1700000000.5")]
    [InlineData("0", "0")]
    [InlineData("10", "10")]
    public void GetTimestampMatchesTimetypes(string value, string expected) =>
        Assert.Equal(expected, DockerTime.GetTimestamp(value, NowUtc));

    [Theory]
    [InlineData("2024-01-01", "1704060000.000000000")]
    [InlineData("2024-01-01T10:00", "1704096000.000000000")]
    [InlineData("2024-01-01T10:00:00Z", "1704103200.000000000")]
    [InlineData("10m", "1704164045")]
    public void LocalTimesUseTheReferenceOffset(string value, string expected) =>
        Assert.Equal(expected, DockerTime.GetTimestamp(value, NowPlusTwo));

    [Theory]
    [InlineData("2024-13-01", "parsing time \"2024-13-01\": month out of range")]
    [InlineData("2024-02-30", "parsing time \"2024-02-30\": day out of range")]
    [InlineData("2023-02-29", "parsing time \"2023-02-29\": day out of range")]
    [InlineData("2024-01-01T25:00:00", "parsing time \"2024-01-01T25:00:00\": hour out of range")]
    [InlineData("2024-01-01T10:61", "parsing time \"2024-01-01T10:61\": minute out of range")]
    [InlineData("2024-1-01", "parsing time \"2024-1-01\" as \"2006-01-02\": cannot parse \"1-01\" as \"01\"")]
    [InlineData("24-01-01", "parsing time \"24-01-01\" as \"2006-01-02\": cannot parse \"24-01-01\" as \"2006\"")]
    [InlineData("2024-01-01x", "parsing time \"2024-01-01x\": extra text: \"x\"")]
    [InlineData("2024/01/01", "failed to parse value as time or duration: \"2024/01/01\"")]
    [InlineData("-1", "parsing time \"-1\" as \"2006-01-02\": cannot parse \"-1\" as \"2006\"")]
    [InlineData("2024-01-01T10:00:00z", "parsing time \"2024-01-01T10:00:00z\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"z\" as \"Z07:00\"")]
    [InlineData("2024-01-01T10:00:00.5x", "parsing time \"2024-01-01T10:00:00.5x\": extra text: \"x\"")]
    [InlineData("2024-01-01T10:00:00+0100", "parsing time \"2024-01-01T10:00:00+0100\" as \"2006-01-02T15:04Z07:00\": cannot parse \":00+0100\" as \"Z07:00\"")]
    [InlineData("abc", "failed to parse value as time or duration: \"abc\"")]
    [InlineData("1.x", "failed to parse value as time or duration: \"1.x\"")]
    public void ReportsDockerErrors(string value, string message)
    {
        var error = Assert.Throws<FormatException>(() => DockerTime.GetTimestamp(value, NowUtc));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ParseReturnsTheInstant()
    {
        Assert.Equal(NowUtc.AddMinutes(-10), DockerTime.Parse("10m", NowUtc));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000).AddMilliseconds(500), DockerTime.Parse("1700000000.5", NowUtc));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567),
            DockerTime.Parse("2024-01-01T10:00:00.1234567Z", NowUtc));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(2)), DockerTime.Parse("2024-01-01", NowPlusTwo));
    }

    [Theory]
    [InlineData("", 0, 0)]
    [InlineData("1700000000", 1700000000, 0)]
    [InlineData("1.5", 1, 500000000)]
    [InlineData("1.000000001", 1, 1)]
    [InlineData("1.123456789", 1, 123456789)]
    public void ParseTimestampsSplitsSecondsAndNanoseconds(string value, long seconds, long nanoseconds) =>
        Assert.Equal((seconds, nanoseconds), DockerTime.ParseTimestamps(value, 0));

    [Fact]
    public void ParseTimestampsUsesDefaultForEmptyAndReportsStrconvErrors()
    {
        Assert.Equal((42L, 0L), DockerTime.ParseTimestamps("", 42));
        Assert.Equal("strconv.ParseInt: parsing \"x\": invalid syntax",
            Assert.Throws<FormatException>(() => DockerTime.ParseTimestamps("x", 0)).Message);
        Assert.Equal("strconv.ParseInt: parsing \"99999999999999999999\": value out of range",
            Assert.Throws<FormatException>(() => DockerTime.ParseTimestamps("99999999999999999999", 0)).Message);
    }
}
