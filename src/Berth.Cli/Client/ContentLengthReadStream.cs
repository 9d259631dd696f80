namespace Berth.Cli.Client;

/// <summary>A body of known length: reads exactly Content-Length bytes, then reports end of stream.</summary>
internal sealed class ContentLengthReadStream(BufferedConnectionStream inner, long length) : ReadOnlyStream
{
    private long _remaining = length;

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken ct = default)
    {
        if (_remaining == 0 || destination.IsEmpty) return 0;
        var want = (int)Math.Min(destination.Length, _remaining);
        var n = await inner.ReadAsync(destination[..want], ct).ConfigureAwait(false);
        if (n == 0) throw new EndOfStreamException($"connection closed with {_remaining} body bytes missing");
        _remaining -= n;
        return n;
    }
}
