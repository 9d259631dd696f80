namespace Berth.Engine.Content;

/// <summary>
/// Copies everything read from <paramref name="inner"/> into <paramref name="copy"/>: an imported
/// layer is stored as a blob and unpacked in the same single pass over the input.
/// </summary>
public sealed class TeeReadStream(Stream inner, Stream copy) : Stream
{
    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        copy.Write(buffer[..n]);
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        var n = await inner.ReadAsync(buffer, ct).ConfigureAwait(false);
        await copy.WriteAsync(buffer[..n], ct).ConfigureAwait(false);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
