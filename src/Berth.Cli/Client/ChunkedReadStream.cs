using System.Globalization;

namespace Berth.Cli.Client;

/// <summary>
/// Decodes an HTTP/1.1 chunked body (hex size line, data, CRLF, ..., 0-size chunk, trailers).
/// Streaming endpoints (logs -f, pull/load progress, wait) answer this way.
/// </summary>
internal sealed class ChunkedReadStream(BufferedConnectionStream inner) : ReadOnlyStream
{
    private long _remaining; // bytes left in the current chunk
    private bool _done;

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken ct = default)
    {
        if (_done || destination.IsEmpty) return 0;
        if (_remaining == 0)
        {
            _remaining = await ReadChunkSizeAsync(ct).ConfigureAwait(false);
            if (_remaining == 0)
            {
                await SkipTrailersAsync(ct).ConfigureAwait(false);
                _done = true;
                return 0;
            }
        }
        var want = (int)Math.Min(destination.Length, _remaining);
        var n = await inner.ReadAsync(destination[..want], ct).ConfigureAwait(false);
        if (n == 0) throw new EndOfStreamException("connection closed in the middle of a chunk");
        _remaining -= n;
        if (_remaining == 0)
        {
            // Every chunk's data is followed by CRLF.
            var end = await inner.ReadLineAsync(16, ct).ConfigureAwait(false);
            if (end is null) throw new EndOfStreamException("connection closed after a chunk");
            if (end.Length != 0) throw new InvalidDataException("malformed chunked encoding");
        }
        return n;
    }

    private async ValueTask<long> ReadChunkSizeAsync(CancellationToken ct)
    {
        var line = await inner.ReadLineAsync(1024, ct).ConfigureAwait(false)
            ?? throw new EndOfStreamException("connection closed before the end of a chunked body");
        var semi = line.IndexOf(';'); // chunk extensions are allowed and ignored
        var hex = (semi >= 0 ? line[..semi] : line).Trim();
        if (!long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
            throw new InvalidDataException($"malformed chunk size '{line}'");
        return size;
    }

    private async ValueTask SkipTrailersAsync(CancellationToken ct)
    {
        while (true)
        {
            var line = await inner.ReadLineAsync(8192, ct).ConfigureAwait(false);
            if (string.IsNullOrEmpty(line)) return;
        }
    }
}
