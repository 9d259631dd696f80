using Berth.Engine.IO;
namespace Berth.Engine.Snapshots;

/// <summary>
/// A read-only stream that yields bytes already taken from <paramref name="inner"/> before the rest
/// of it: how format sniffing "peeks" at a stream that cannot seek. Disposing it disposes the inner stream.
/// </summary>
internal sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream inner) : ForwardReadStream
{
    private int _prefixPos;

    public override int Read(Span<byte> buffer)
    {
        if (_prefixPos < prefixLength)
            return TakePrefix(buffer);
        return inner.Read(buffer);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (_prefixPos < prefixLength)
            return ValueTask.FromResult(TakePrefix(buffer.Span));
        return inner.ReadAsync(buffer, ct);
    }

    private int TakePrefix(Span<byte> buffer)
    {
        var take = Math.Min(buffer.Length, prefixLength - _prefixPos);
        prefix.AsSpan(_prefixPos, take).CopyTo(buffer);
        _prefixPos += take;
        return take;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
