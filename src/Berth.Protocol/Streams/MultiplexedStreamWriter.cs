using System.Buffers.Binary;

namespace Berth.Protocol.Streams;

/// <summary>
/// Writes Docker's multiplexed stdout/stderr framing: an 8-byte header (stream, 0, 0, 0,
/// big-endian uint32 length) followed by the payload. Used for logs and attach without a TTY.
/// </summary>
public sealed class MultiplexedStreamWriter(Stream inner)
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task WriteAsync(StdStreamType stream, ReadOnlyMemory<byte> payload, CancellationToken ct = default)
    {
        if (payload.IsEmpty) return;
        var header = new byte[8];
        header[0] = (byte)stream;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)payload.Length);
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await inner.WriteAsync(header, ct).ConfigureAwait(false);
            await inner.WriteAsync(payload, ct).ConfigureAwait(false);
            await inner.FlushAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }
}
