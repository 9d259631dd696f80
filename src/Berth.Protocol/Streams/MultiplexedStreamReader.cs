using System.Buffers.Binary;

namespace Berth.Protocol.Streams;

/// <summary>Reads Docker's multiplexed stream framing (see <see cref="MultiplexedStreamWriter"/>).</summary>
public sealed class MultiplexedStreamReader(Stream inner)
{
    private readonly byte[] _header = new byte[8];

    /// <summary>The next frame, or null at the end of the stream.</summary>
    public async Task<MultiplexedFrame?> ReadAsync(CancellationToken ct = default)
    {
        if (!await FillAsync(_header, ct).ConfigureAwait(false)) return null;
        var length = BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(4));
        if (length > 64 * 1024 * 1024) throw new InvalidDataException("multiplexed frame too large");
        var payload = new byte[length];
        if (!await FillAsync(payload, ct).ConfigureAwait(false))
            throw new EndOfStreamException("truncated multiplexed frame");
        return new MultiplexedFrame((StdStreamType)_header[0], payload);
    }

    private async Task<bool> FillAsync(byte[] buffer, CancellationToken ct)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await inner.ReadAsync(buffer.AsMemory(read), ct).ConfigureAwait(false);
            if (n == 0)
            {
                if (read == 0) return false;
                throw new EndOfStreamException("truncated multiplexed frame");
            }
            read += n;
        }
        return true;
    }
}
