using System.Globalization;
using System.Text;
using Berth.Protocol.Streams;

namespace Berth.Engine.Logs;

/// <summary>
/// Reads conmon's k8s-file log: "&lt;RFC3339Nano&gt; stdout|stderr F|P &lt;text&gt;" per line, where P marks a
/// partial line whose rest follows. Streams apart, timestamps kept, for --tail/--since/--until/-f.
/// </summary>
public static class ContainerLogReader
{
    public static async IAsyncEnumerable<LogEntry> ReadAsync(string path, LogQuery query, Func<bool> stillRunning,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (!File.Exists(path)) yield break;
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
        // --tail: start where the last N lines begin, found from the end; then everything streams.
        if (query.Tail is { } tail && tail >= 0) file.Seek(LogTail.StartOfLast(file.SafeFileHandle, tail, e => Matches(e, query)), SeekOrigin.Begin);
        var reader = new LogFileLines(file);
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            if (Parse(line) is { } entry && Matches(entry, query)) yield return entry;
        }
        if (!query.Follow) yield break;
        while (!ct.IsCancellationRequested)
        {
            var running = stillRunning();
            var line = await reader.ReadLineAsync(ct).ConfigureAwait(false);
            if (line is null)
            {
                if (!running) yield break;
                await Task.Delay(50, ct).ConfigureAwait(false);
                continue;
            }
            if (Parse(line) is { } entry)
            {
                if (query.Until is { } until && entry.Timestamp > until) yield break;
                if (Matches(entry, query)) yield return entry;
            }
        }
    }

    private static bool Matches(LogEntry e, LogQuery q) =>
        (e.Stream == StdStreamType.Stdout ? q.Stdout : q.Stderr)
        && (q.Since is not { } since || e.Timestamp >= since)
        && (q.Until is not { } until || e.Timestamp <= until);

    internal static LogEntry? Parse(string line)
    {
        var s1 = line.IndexOf(' ');
        if (s1 < 0) return null;
        var s2 = line.IndexOf(' ', s1 + 1);
        if (s2 < 0) return null;
        var s3 = line.IndexOf(' ', s2 + 1);
        var tag = s3 < 0 ? line[(s2 + 1)..] : line[(s2 + 1)..s3];
        var text = s3 < 0 ? "" : line[(s3 + 1)..];
        if (!DateTimeOffset.TryParse(line.AsSpan(0, s1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ts)) return null;
        var stream = line.AsSpan(s1 + 1, s2 - s1 - 1) switch
        {
            "stdout" => StdStreamType.Stdout,
            "stderr" => StdStreamType.Stderr,
            _ => (StdStreamType?)null,
        };
        if (stream is null) return null;
        var partial = tag.Contains('P');
        var data = Encoding.UTF8.GetBytes(partial ? text : text + "\n");
        return new LogEntry(ts.ToUniversalTime(), stream.Value, data);
    }
}
