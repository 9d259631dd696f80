using Berth.Engine.Errors;

namespace Berth.Engine.Snapshots;

/// <summary>
/// Reads a tar stream strictly sequentially through one caller-supplied buffer, so a layer of any size
/// streams from the network or a decompressor without being held in memory. Supports ustar, PAX
/// (path, linkpath, size, uid, gid, mtime, SCHILY.xattr.*), GNU long names and base-256 numbers,
/// star prefixes and V7 headers.
/// </summary>
internal sealed class LayerTarReader(Stream input, byte[] buffer)
{
    private const int BlockSize = 512;
    private const int MaxMetadataSize = 1 << 20; // as Go's archive/tar: stops a PAX header exhausting memory

    private int _pos;
    private int _end;
    private bool _inputDone;
    private long _dataRemaining;
    private long _padding;
    private byte[] _metadata = new byte[1024];
    private readonly TarHeaderOverrides _overrides = new();

    public TarEntry Entry { get; } = new();

    /// <summary>Advances to the next real entry, folding metadata headers into it; false at the end.</summary>
    public async ValueTask<bool> MoveNextAsync(CancellationToken ct)
    {
        await SkipAsync(_dataRemaining + _padding, ct).ConfigureAwait(false);
        _dataRemaining = _padding = 0;
        Entry.Reset();
        _overrides.Reset();

        var sawMetadata = false;
        while (true)
        {
            var available = await FillAsync(BlockSize, ct).ConfigureAwait(false);
            // Like Go's reader (and so Docker), a stream ending exactly between entries is a valid end.
            if (available == 0 && !sawMetadata)
                return false;
            if (available < BlockSize)
                throw UnexpectedEof();

            if (IsZeroBlock(buffer.AsSpan(_pos, BlockSize)))
            {
                _pos += BlockSize;
                available = await FillAsync(BlockSize, ct).ConfigureAwait(false);
                if (available > 0)
                {
                    if (available < BlockSize)
                        throw UnexpectedEof();
                    if (!IsZeroBlock(buffer.AsSpan(_pos, BlockSize)))
                        throw InvalidHeader("data after an end-of-archive block");
                    _pos += BlockSize;
                }
                // Read what follows the end marker so a digest computed over the stream covers all of it.
                await DrainAsync(ct).ConfigureAwait(false);
                return false;
            }

            var type = ReadTypeAndSize(buffer.AsSpan(_pos, BlockSize), out var size);
            sawMetadata = true;
            switch (type)
            {
                case (byte)'x':
                    _pos += BlockSize;
                    PaxRecords.Apply((await ReadMetadataAsync(size, ct).ConfigureAwait(false)).Span, _overrides, Entry.Xattrs);
                    continue;
                case (byte)'g':
                    // Global PAX headers carry nothing Docker applies; it ignores them too.
                    _pos += BlockSize;
                    await SkipAsync(size + Padding(size), ct).ConfigureAwait(false);
                    continue;
                case (byte)'L':
                    _pos += BlockSize;
                    _overrides.SetGnuName(TrimNul((await ReadMetadataAsync(size, ct).ConfigureAwait(false)).Span));
                    continue;
                case (byte)'K':
                    _pos += BlockSize;
                    _overrides.SetGnuLinkName(TrimNul((await ReadMetadataAsync(size, ct).ConfigureAwait(false)).Span));
                    continue;
            }

            FillEntry(buffer.AsSpan(_pos, BlockSize), type, size);
            _pos += BlockSize;
            return true;
        }
    }

    /// <summary>
    /// The next piece of the current entry's data, as a view of the shared buffer valid until the next
    /// call; empty once all data was read.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReadDataAsync(CancellationToken ct)
    {
        if (_dataRemaining == 0)
            return ReadOnlyMemory<byte>.Empty;
        if (_pos == _end)
        {
            _pos = _end = 0;
            var read = _inputDone ? 0 : await ReadInputAsync(buffer, ct).ConfigureAwait(false);
            if (read == 0)
                throw UnexpectedEof();
            _end = read;
        }
        var take = (int)Math.Min(_dataRemaining, _end - _pos);
        var chunk = buffer.AsMemory(_pos, take);
        _pos += take;
        _dataRemaining -= take;
        return chunk;
    }

    private void FillEntry(ReadOnlySpan<byte> block, byte type, long size)
    {
        var magic = block.Slice(257, 8);
        var posix = magic[..6].SequenceEqual("ustar\0"u8);
        var gnu = magic.SequenceEqual("ustar  \0"u8);

        if (_overrides.GnuNameLength >= 0)
            Entry.SetName(_overrides.GnuName);
        else if (_overrides.PaxPathLength >= 0)
            Entry.SetName(_overrides.PaxPath);
        else
            SetHeaderName(block, posix);

        if (_overrides.GnuLinkNameLength >= 0)
            Entry.SetLinkName(_overrides.GnuLinkName);
        else if (_overrides.PaxLinkPathLength >= 0)
            Entry.SetLinkName(_overrides.PaxLinkPath);
        else
            Entry.SetLinkName(CString(block.Slice(157, 100)));

        Entry.Mode = (uint)(TarNumbers.ParseField(block.Slice(100, 8)) & 0xfff);
        Entry.Uid = _overrides.Uid ?? TarNumbers.ToId(TarNumbers.ParseField(block.Slice(108, 8)));
        Entry.Gid = _overrides.Gid ?? TarNumbers.ToId(TarNumbers.ParseField(block.Slice(116, 8)));
        (Entry.MtimeSeconds, Entry.MtimeNanoseconds) = _overrides.Mtime ?? (TarNumbers.ParseField(block.Slice(136, 12)), 0);
        size = _overrides.Size ?? size;

        Entry.Kind = type switch
        {
            (byte)'0' or (byte)'7' => TarEntryKind.File,
            // Pre-POSIX archives mark directories only by a trailing slash.
            0 => Entry.Name.EndsWith("/"u8) ? TarEntryKind.Directory : TarEntryKind.File,
            (byte)'1' => TarEntryKind.HardLink,
            (byte)'2' => TarEntryKind.Symlink,
            (byte)'3' => TarEntryKind.CharDevice,
            (byte)'4' => TarEntryKind.BlockDevice,
            (byte)'5' => TarEntryKind.Directory,
            (byte)'6' => TarEntryKind.Fifo,
            (byte)'S' => throw BerthException.Invalid($"unsupported tar entry \"{Entry.DisplayName}\": GNU sparse files are not supported in layers"),
            _ => throw BerthException.Invalid($"unsupported tar entry \"{Entry.DisplayName}\": unknown type '{(char)type}'"),
        };

        if (Entry.Kind is TarEntryKind.CharDevice or TarEntryKind.BlockDevice && (posix || gnu))
        {
            Entry.DevMajor = (uint)TarNumbers.ParseField(block.Slice(329, 8));
            Entry.DevMinor = (uint)TarNumbers.ParseField(block.Slice(337, 8));
        }

        // Only regular files carry data; as in Go's reader, the size of other kinds is not followed by data.
        if (Entry.Kind == TarEntryKind.File)
        {
            Entry.Size = size;
            _dataRemaining = size;
            _padding = Padding(size);
        }
    }

    private void SetHeaderName(ReadOnlySpan<byte> block, bool posix)
    {
        var name = CString(block[..100]);
        if (!posix)
        {
            Entry.SetName(name);
            return;
        }
        // star archives keep access/change times in the tail of the prefix field.
        var prefixField = block.Slice(500, 8).EndsWith("tar\0"u8) ? block.Slice(345, 131) : block.Slice(345, 155);
        var prefix = CString(prefixField);
        if (prefix.IsEmpty)
        {
            Entry.SetName(name);
            return;
        }
        Span<byte> joined = stackalloc byte[prefix.Length + 1 + name.Length];
        prefix.CopyTo(joined);
        joined[prefix.Length] = (byte)'/';
        name.CopyTo(joined[(prefix.Length + 1)..]);
        Entry.SetName(joined);
    }

    private static byte ReadTypeAndSize(ReadOnlySpan<byte> block, out long size)
    {
        VerifyChecksum(block);
        size = TarNumbers.ParseField(block.Slice(124, 12));
        if (size < 0)
            throw InvalidHeader("negative size");
        return block[156];
    }

    private static void VerifyChecksum(ReadOnlySpan<byte> block)
    {
        // Historic writers summed signed chars, so both sums are accepted (as GNU tar and Go do).
        long unsignedSum = 0, signedSum = 0;
        for (var i = 0; i < BlockSize; i++)
        {
            var b = i is >= 148 and < 156 ? (byte)' ' : block[i];
            unsignedSum += b;
            signedSum += (sbyte)b;
        }
        long stored;
        try
        {
            stored = TarNumbers.ParseField(block.Slice(148, 8));
        }
        catch (BerthException)
        {
            throw InvalidHeader("bad checksum field");
        }
        if (stored != unsignedSum && stored != signedSum)
            throw InvalidHeader("checksum mismatch");
    }

    private async ValueTask<ReadOnlyMemory<byte>> ReadMetadataAsync(long size, CancellationToken ct)
    {
        if (size > MaxMetadataSize)
            throw InvalidHeader($"extended header of {size} bytes is too large");
        var length = (int)size;
        if (_metadata.Length < length)
            _metadata = new byte[Math.Max(length, _metadata.Length * 2)];
        var copied = 0;
        while (copied < length)
        {
            if (_pos == _end && await FillAsync(1, ct).ConfigureAwait(false) == 0)
                throw UnexpectedEof();
            var take = Math.Min(length - copied, _end - _pos);
            buffer.AsSpan(_pos, take).CopyTo(_metadata.AsSpan(copied));
            _pos += take;
            copied += take;
        }
        await SkipAsync(Padding(size), ct).ConfigureAwait(false);
        return _metadata.AsMemory(0, length);
    }

    /// <summary>Makes at least <paramref name="count"/> bytes contiguous at _pos unless the input ends first.</summary>
    private async ValueTask<int> FillAsync(int count, CancellationToken ct)
    {
        if (_end - _pos >= count)
            return count;
        if (buffer.Length - _pos < count)
        {
            Buffer.BlockCopy(buffer, _pos, buffer, 0, _end - _pos);
            _end -= _pos;
            _pos = 0;
        }
        while (_end - _pos < count && !_inputDone)
        {
            var read = await ReadInputAsync(buffer.AsMemory(_end), ct).ConfigureAwait(false);
            if (read == 0)
                _inputDone = true;
            _end += read;
        }
        return Math.Min(count, _end - _pos);
    }

    private async ValueTask SkipAsync(long count, CancellationToken ct)
    {
        while (count > 0)
        {
            if (_pos == _end)
            {
                _pos = _end = 0;
                var read = _inputDone ? 0 : await ReadInputAsync(buffer, ct).ConfigureAwait(false);
                if (read == 0)
                    throw UnexpectedEof();
                _end = read;
            }
            var take = (int)Math.Min(count, _end - _pos);
            _pos += take;
            count -= take;
        }
    }

    private async ValueTask DrainAsync(CancellationToken ct)
    {
        _pos = _end = 0;
        while (!_inputDone)
            _inputDone = await ReadInputAsync(buffer, ct).ConfigureAwait(false) == 0;
    }

    private async ValueTask<int> ReadInputAsync(Memory<byte> destination, CancellationToken ct)
    {
        try
        {
            return await input.ReadAsync(destination, ct).ConfigureAwait(false);
        }
        catch (EndOfStreamException)
        {
            // Decompressors report input that stops mid-frame this way.
            throw UnexpectedEof();
        }
        catch (InvalidDataException ex)
        {
            throw BerthException.Invalid($"corrupt layer data: {ex.Message}");
        }
        catch (ZstdSharp.ZstdException ex)
        {
            throw BerthException.Invalid($"corrupt layer data: {ex.Message}");
        }
    }

    private static long Padding(long size) => (BlockSize - (size % BlockSize)) % BlockSize;

    private static bool IsZeroBlock(ReadOnlySpan<byte> block) => !block.ContainsAnyExcept((byte)0);

    private static ReadOnlySpan<byte> CString(ReadOnlySpan<byte> field)
    {
        var nul = field.IndexOf((byte)0);
        return nul < 0 ? field : field[..nul];
    }

    private static ReadOnlySpan<byte> TrimNul(ReadOnlySpan<byte> value) => CString(value);

    private static BerthException UnexpectedEof() => BerthException.Invalid("unexpected EOF in layer tar");

    private static BerthException InvalidHeader(string why) => BerthException.Invalid($"invalid tar header: {why}");
}
