using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Berth.Engine.Logs;

/// <summary>
/// `logs --tail N` without reading the whole log: scans the file backwards for record ends and
/// returns the offset where the last N complete lines that pass the filter begin. Partial records
/// (conmon's "P") belong to the line their final "F" record ends; an unfinished record at the very
/// end is not counted (it is not a line yet).
/// </summary>
internal static class LogTail
{
    private const int ChunkSize = 64 * 1024;

    public static long StartOfLast(SafeFileHandle file, int lines, Func<LogEntry, bool> matches)
    {
        var length = RandomAccess.GetLength(file);
        var chunk = new byte[ChunkSize];
        var record = new byte[4096];
        long recordEnd = -1; // offset of the '\n' that ends the record being looked at
        var seen = 0;
        for (var chunkEnd = length; chunkEnd > 0;)
        {
            var chunkStart = Math.Max(0, chunkEnd - ChunkSize);
            var n = RandomAccess.Read(file, chunk.AsSpan(0, (int)(chunkEnd - chunkStart)), chunkStart);
            for (var i = n - 1; i >= 0; i--)
            {
                if (chunk[i] != (byte)'\n') continue;
                var newline = chunkStart + i;
                if (recordEnd >= 0 && CountsAsLine(file, newline + 1, recordEnd, matches, ref record) && ++seen > lines) return recordEnd + 1;
                recordEnd = newline;
            }
            chunkEnd = chunkStart;
        }
        if (recordEnd >= 0 && CountsAsLine(file, 0, recordEnd, matches, ref record) && ++seen > lines) return recordEnd + 1;
        return 0;
    }

    /// <summary>Whether the record in [start, end) passes the filter and ends a line.</summary>
    private static bool CountsAsLine(SafeFileHandle file, long start, long end, Func<LogEntry, bool> matches, ref byte[] buffer)
    {
        var size = (int)(end - start);
        if (size > buffer.Length) buffer = new byte[Math.Max(size, buffer.Length * 2)];
        var read = RandomAccess.Read(file, buffer.AsSpan(0, size), start);
        if (ContainerLogReader.Parse(Encoding.UTF8.GetString(buffer, 0, read)) is not { } entry || !matches(entry)) return false;
        var data = entry.Data.Span;
        return data.Length > 0 && data[^1] == (byte)'\n';
    }
}
