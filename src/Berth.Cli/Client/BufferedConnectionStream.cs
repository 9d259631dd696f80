using System.Net.Sockets;
using System.Text;

namespace Berth.Cli.Client;

/// <summary>
/// The socket of one HTTP exchange with a read buffer in front. The response head is parsed line
/// by line from the buffer; whatever the buffer already holds past the head is the start of the
/// body (or, after a 101 upgrade, of the raw stream), so every body reader reads through here.
/// Writes go straight to the socket, which is what a hijacked attach stream needs.
/// </summary>
internal sealed class BufferedConnectionStream(Socket socket) : Stream
{
    private readonly NetworkStream _inner = new(socket, ownsSocket: true);
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    public Socket Socket => socket;

    /// <summary>Reads one CRLF (or bare LF) terminated ASCII line; null at end of stream.</summary>
    public async ValueTask<string?> ReadLineAsync(int maxLength, CancellationToken ct)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end && !await FillAsync(ct).ConfigureAwait(false))
                return line.Length == 0 ? null : throw new IOException("connection closed in the middle of a line");
            var span = _buffer.AsSpan(_start, _end - _start);
            var lf = span.IndexOf((byte)'\n');
            var take = lf < 0 ? span.Length : lf;
            line.Append(Encoding.Latin1.GetString(span[..take]));
            if (line.Length > maxLength) throw new InvalidDataException("HTTP header line too long");
            if (lf >= 0)
            {
                _start += lf + 1;
                if (line.Length > 0 && line[^1] == '\r') line.Length--;
                return line.ToString();
            }
            _start = _end;
        }
    }

    private async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        _start = 0;
        _end = await _inner.ReadAsync(_buffer, ct).ConfigureAwait(false);
        return _end > 0;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken ct = default)
    {
        if (destination.IsEmpty) return 0;
        if (_start < _end)
        {
            var n = Math.Min(destination.Length, _end - _start);
            _buffer.AsMemory(_start, n).CopyTo(destination);
            _start += n;
            return n;
        }
        // Large reads bypass the buffer: logs and saved tarballs stream straight through.
        return await _inner.ReadAsync(destination, ct).ConfigureAwait(false);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken ct = default) =>
        _inner.WriteAsync(source, ct);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        _inner.WriteAsync(buffer, offset, count, ct);

    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    public override Task FlushAsync(CancellationToken ct) => _inner.FlushAsync(ct);
    public override void Flush() => _inner.Flush();

    /// <summary>Half-closes the connection: the daemon sees end of stdin, output keeps flowing.</summary>
    public void CloseWrite()
    {
        try { socket.Shutdown(SocketShutdown.Send); }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
