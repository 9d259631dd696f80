namespace Berth.Tests.Snapshots;

/// <summary>
/// A forward-only stream that hands out data in small, irregular pieces, like a network socket, to
/// exercise the unpacker's buffering across block boundaries.
/// </summary>
public sealed class OddChunkStream(byte[] data) : Stream
{
    private static readonly int[] ChunkSizes = [1, 7, 511, 513, 4096, 3, 65537, 200_000];
    private int _position;
    private int _reads;

    public bool ReachedEnd => _position == data.Length;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var take = Math.Min(Math.Min(buffer.Length, ChunkSizes[_reads++ % ChunkSizes.Length]), data.Length - _position);
        data.AsSpan(_position, take).CopyTo(buffer);
        _position += take;
        return take;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
