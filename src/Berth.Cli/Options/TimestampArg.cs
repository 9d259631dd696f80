using Berth.Protocol.Formatting;

namespace Berth.Cli.Options;

/// <summary>
/// --since/--until values as docker's client sends them (timetypes.GetTimestamp): a Go duration
/// ("10m") means that long before now; RFC 3339 dates and times, with up to nine fraction digits as
/// `logs -t` prints them, become "seconds.nanoseconds"; a Unix timestamp passes unchanged.
/// Throws <see cref="FormatException"/> with Docker's message.
/// </summary>
internal static class TimestampArg
{
    public static string Convert(string value, DateTimeOffset now) => DockerTime.GetTimestamp(value, now);
}
