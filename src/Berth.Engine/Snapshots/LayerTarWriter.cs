namespace Berth.Engine.Snapshots;

/// <summary>
/// Writes a tar stream strictly sequentially through one buffer, so a layer of any size streams to
/// the network, a compressor or a hashing stream without being held in memory. File data is read
/// straight into the buffer (<see cref="GetDataBufferAsync"/>), so it is copied once.
/// </summary>
internal sealed class LayerTarWriter(Stream output)
{
    private const int BlockSize = TarHeaderEncoder.BlockSize;
    private const int BufferSize = 128 * 1024;

    private readonly byte[] _buffer = new byte[BufferSize];
    private int _count;
    private byte[] _records = new byte[1024];

    /// <summary>The header of <paramref name="entry"/>, preceded by a PAX extended header if it needs one.</summary>
    public async ValueTask WriteHeaderAsync(TarEntry entry, CancellationToken ct)
    {
        var recordsLength = TarHeaderEncoder.EncodePaxRecords(entry, ref _records);
        if (recordsLength > 0)
        {
            await ReserveAsync(BlockSize, ct).ConfigureAwait(false);
            TarHeaderEncoder.EncodePaxHeader(_buffer.AsSpan(_count, BlockSize), entry, recordsLength);
            _count += BlockSize;
            await WriteAsync(_records.AsMemory(0, recordsLength), ct).ConfigureAwait(false);
            await PadAsync(recordsLength, ct).ConfigureAwait(false);
        }
        await ReserveAsync(BlockSize, ct).ConfigureAwait(false);
        TarHeaderEncoder.EncodeHeader(_buffer.AsSpan(_count, BlockSize), entry);
        _count += BlockSize;
    }

    /// <summary>
    /// Free buffer space (never empty) for the current entry's data; report what was filled with
    /// <see cref="Advance"/>. Valid until the next call on this writer.
    /// </summary>
    public async ValueTask<Memory<byte>> GetDataBufferAsync(CancellationToken ct)
    {
        if (_count == _buffer.Length)
            await FlushBufferAsync(ct).ConfigureAwait(false);
        return _buffer.AsMemory(_count);
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _count);
        _count += count;
    }

    /// <summary>Pads the data of <paramref name="size"/> bytes just written to a whole block.</summary>
    public ValueTask EndDataAsync(long size, CancellationToken ct) => PadAsync(size, ct);

    /// <summary>The end-of-archive marker (two zero blocks, as Go and GNU tar write it), then a flush.</summary>
    public async ValueTask FinishAsync(CancellationToken ct)
    {
        await ReserveAsync(2 * BlockSize, ct).ConfigureAwait(false);
        _buffer.AsSpan(_count, 2 * BlockSize).Clear();
        _count += 2 * BlockSize;
        await FlushBufferAsync(ct).ConfigureAwait(false);
        await output.FlushAsync(ct).ConfigureAwait(false);
    }

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        while (!data.IsEmpty)
        {
            if (_count == _buffer.Length)
                await FlushBufferAsync(ct).ConfigureAwait(false);
            var take = Math.Min(data.Length, _buffer.Length - _count);
            data.Span[..take].CopyTo(_buffer.AsSpan(_count));
            _count += take;
            data = data[take..];
        }
    }

    private async ValueTask PadAsync(long size, CancellationToken ct)
    {
        var padding = (int)((BlockSize - size % BlockSize) % BlockSize);
        if (padding == 0)
            return;
        await ReserveAsync(padding, ct).ConfigureAwait(false);
        _buffer.AsSpan(_count, padding).Clear();
        _count += padding;
    }

    private async ValueTask ReserveAsync(int count, CancellationToken ct)
    {
        if (_buffer.Length - _count < count)
            await FlushBufferAsync(ct).ConfigureAwait(false);
    }

    private async ValueTask FlushBufferAsync(CancellationToken ct)
    {
        if (_count == 0)
            return;
        await output.WriteAsync(_buffer.AsMemory(0, _count), ct).ConfigureAwait(false);
        _count = 0;
    }
}
