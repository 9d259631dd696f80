using Berth.Engine.Logs;
using Berth.Protocol.Streams;
using Xunit;

namespace Berth.Tests.Logs;

public sealed class ContainerLogReaderTests : IDisposable
{
    private readonly string _path = Path.GetTempFileName();

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void A_k8s_file_line_gives_its_time_stream_and_text()
    {
        var e = ContainerLogReader.Parse("2026-11-24T12:55:17.877611789+00:00 stderr F err")!.Value;
        Assert.Equal(StdStreamType.Stderr, e.Stream);
        Assert.Equal("err\n", System.Text.Encoding.UTF8.GetString(e.Data.Span));
        // .877611789 s: DateTimeOffset keeps 100 ns ticks.
        Assert.InRange((e.Timestamp - new DateTimeOffset(2026, 11, 24, 12, 55, 17, TimeSpan.Zero)).Ticks, 8776117, 8776118);
    }

    [Fact]
    public void A_partial_line_has_no_newline_added()
    {
        var e = ContainerLogReader.Parse("2026-11-24T12:55:17.8Z stdout P no newline")!.Value;
        Assert.Equal("no newline", System.Text.Encoding.UTF8.GetString(e.Data.Span));
    }

    [Fact]
    public async Task Tail_since_and_streams_select_entries()
    {
        File.WriteAllLines(_path,
        [
            "2026-01-01T00:00:01Z stdout F one",
            "2026-01-01T00:00:02Z stderr F two",
            "2026-01-01T00:00:03Z stdout F three",
            "2026-01-01T00:00:04Z stdout F four",
        ]);
        async Task<string[]> Read(LogQuery q)
        {
            var list = new List<string>();
            await foreach (var e in ContainerLogReader.ReadAsync(_path, q, () => false, CancellationToken.None))
                list.Add(System.Text.Encoding.UTF8.GetString(e.Data.Span).TrimEnd());
            return [.. list];
        }
        Assert.Equal(["three", "four"], await Read(new LogQuery(true, true, false, 2, null, null)));
        Assert.Equal(["one", "three", "four"], await Read(new LogQuery(true, false, false, null, null, null)));
        Assert.Equal(["two", "three"], await Read(new LogQuery(true, true, false, null,
            new DateTimeOffset(2026, 1, 1, 0, 0, 2, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 0, 0, 3, TimeSpan.Zero))));
    }

    private async Task<string[]> ReadAll(LogQuery q)
    {
        var list = new List<string>();
        await foreach (var e in ContainerLogReader.ReadAsync(_path, q, () => false, CancellationToken.None))
            list.Add(System.Text.Encoding.UTF8.GetString(e.Data.Span));
        return [.. list];
    }

    [Fact]
    public async Task Tail_counts_lines_of_the_selected_stream_and_keeps_partial_records_with_their_line()
    {
        await File.WriteAllTextAsync(_path, string.Join('\n',
            "2026-01-01T00:00:01Z stdout F one",
            "2026-01-01T00:00:02Z stdout P tw",
            "2026-01-01T00:00:03Z stdout F o",
            "2026-01-01T00:00:04Z stderr F err-a",
            "2026-01-01T00:00:05Z stdout F three",
            "2026-01-01T00:00:06Z stderr F err-b",
            "2026-01-01T00:00:07Z stdout P unfinished") + "\n2026-01-01T00:00:08Z stdout F still being writ");

        Assert.Equal(["tw", "o\n", "err-a\n", "three\n", "err-b\n", "unfinished"], await ReadAll(new LogQuery(true, true, false, 4, null, null)));
        Assert.Equal(["tw", "o\n", "three\n", "unfinished"], await ReadAll(new LogQuery(true, false, false, 2, null, null)));
        Assert.Equal(["err-b\n"], await ReadAll(new LogQuery(false, true, false, 1, null, null)));
        Assert.Equal(["unfinished"], await ReadAll(new LogQuery(true, true, false, 0, null, null)));
        Assert.Equal(7, (await ReadAll(new LogQuery(true, true, false, 100, null, null))).Length);
    }

    [Fact]
    public async Task Tail_of_a_log_larger_than_the_scan_chunk_finds_the_right_lines()
    {
        var lines = Enumerable.Range(0, 20_000).Select(i => $"2026-01-01T00:00:01Z {(i % 3 == 0 ? "stderr" : "stdout")} F line-{i:D5}-{new string('x', i % 50)}");
        await File.WriteAllLinesAsync(_path, lines);

        var tail = await ReadAll(new LogQuery(true, false, false, 3, null, null));

        Assert.Equal(["line-19996-", "line-19997-", "line-19999-"], tail.Select(l => l[..11]));
        Assert.Equal(13_333, (await ReadAll(new LogQuery(true, false, false, 13_333, null, null))).Length);
        Assert.StartsWith("line-00001-", (await ReadAll(new LogQuery(true, false, false, 13_333, null, null)))[0]);
    }
}
