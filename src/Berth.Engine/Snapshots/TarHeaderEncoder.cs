namespace Berth.Engine.Snapshots;

/// <summary>
/// Encodes a <see cref="TarEntry"/> as a ustar header block, preceded by a PAX extended header for
/// whatever the ustar fields cannot hold: non-ASCII or long names, large sizes, ids and times, and
/// xattrs. This mirrors what Go's archive/tar (and so Docker) writes, so the same tree yields the
/// same kind of archive, and entries that fit ustar cost no PAX header.
/// </summary>
internal static class TarHeaderEncoder
{
    public const int BlockSize = 512;

    private const int NameSize = 100;
    private const int PrefixSize = 155;

    private static ReadOnlySpan<byte> XattrKey => "SCHILY.xattr."u8;

    /// <summary>
    /// Writes the PAX records <paramref name="entry"/> needs into <paramref name="records"/> (grown as
    /// needed) and returns their length, 0 when the ustar header alone can describe the entry. Keys are
    /// in bytewise order, as Go writes them. Xattr names carry their NUL terminator, which is dropped.
    /// </summary>
    public static int EncodePaxRecords(TarEntry entry, ref byte[] records)
    {
        var length = 0;
        foreach (var (name, value) in entry.Xattrs)
        {
            var key = new byte[XattrKey.Length + name.Length - 1];
            XattrKey.CopyTo(key);
            name.AsSpan(0, name.Length - 1).CopyTo(key.AsSpan(XattrKey.Length));
            Append(ref records, ref length, key, value);
        }
        Span<byte> number = stackalloc byte[24];
        if (!FitsOctal(entry.Gid, 8))
            Append(ref records, ref length, "gid"u8, Decimal(entry.Gid, number));
        if (!FitsUstarString(entry.LinkName, NameSize))
            Append(ref records, ref length, "linkpath"u8, entry.LinkName);
        if (!FitsOctal(entry.MtimeSeconds, 12))
            Append(ref records, ref length, "mtime"u8, Decimal(entry.MtimeSeconds, number));
        if (!FitsUstarString(entry.Name, NameSize) && !TrySplit(entry.Name, out _))
            Append(ref records, ref length, "path"u8, entry.Name);
        if (!FitsOctal(entry.Size, 12))
            Append(ref records, ref length, "size"u8, Decimal(entry.Size, number));
        if (!FitsOctal(entry.Uid, 8))
            Append(ref records, ref length, "uid"u8, Decimal(entry.Uid, number));
        return length;
    }

    /// <summary>
    /// The header of a PAX extended header of <paramref name="size"/> bytes for <paramref name="entry"/>,
    /// named "DIR/PaxHeaders.0/NAME" as Go names it; readers only look at its type and size.
    /// </summary>
    public static void EncodePaxHeader(Span<byte> block, TarEntry entry, int size)
    {
        block.Clear();
        var name = entry.Name.TrimEnd((byte)'/');
        var slash = name.LastIndexOf((byte)'/');
        var field = block[..NameSize];
        var used = 0;
        AppendAscii(field, ref used, name[..(slash + 1)]);
        AppendAscii(field, ref used, "PaxHeaders.0/"u8);
        AppendAscii(field, ref used, name[(slash + 1)..]);
        WriteOctal(block.Slice(100, 8), 0);
        WriteOctal(block.Slice(108, 8), 0);
        WriteOctal(block.Slice(116, 8), 0);
        WriteOctal(block.Slice(124, 12), size);
        WriteOctal(block.Slice(136, 12), 0);
        block[156] = (byte)'x';
        Finish(block);
    }

    /// <summary>
    /// The ustar header of <paramref name="entry"/>. Fields that do not fit hold a truncated or zero
    /// value, overridden by the PAX records <see cref="EncodePaxRecords"/> produced for them.
    /// </summary>
    public static void EncodeHeader(Span<byte> block, TarEntry entry)
    {
        block.Clear();
        var name = entry.Name;
        if (!FitsUstarString(name, NameSize) && TrySplit(name, out var slash))
        {
            name[..slash].CopyTo(block.Slice(345, PrefixSize));
            name = name[(slash + 1)..];
        }
        WriteString(block[..NameSize], name);
        WriteOctal(block.Slice(100, 8), entry.Mode & 0xfff);
        WriteOctal(block.Slice(108, 8), FitsOctal(entry.Uid, 8) ? entry.Uid : 0);
        WriteOctal(block.Slice(116, 8), FitsOctal(entry.Gid, 8) ? entry.Gid : 0);
        WriteOctal(block.Slice(124, 12), FitsOctal(entry.Size, 12) ? entry.Size : 0);
        WriteOctal(block.Slice(136, 12), FitsOctal(entry.MtimeSeconds, 12) ? entry.MtimeSeconds : 0);
        block[156] = entry.Kind switch
        {
            TarEntryKind.File => (byte)'0',
            TarEntryKind.HardLink => (byte)'1',
            TarEntryKind.Symlink => (byte)'2',
            TarEntryKind.CharDevice => (byte)'3',
            TarEntryKind.BlockDevice => (byte)'4',
            TarEntryKind.Directory => (byte)'5',
            _ => (byte)'6',
        };
        WriteString(block.Slice(157, NameSize), entry.LinkName);
        // Zero for other kinds, written out as Go does rather than left as NULs.
        WriteNumber(block.Slice(329, 8), entry.DevMajor);
        WriteNumber(block.Slice(337, 8), entry.DevMinor);
        Finish(block);
    }

    /// <summary>Magic, version and checksum, once every other field is in place.</summary>
    private static void Finish(Span<byte> block)
    {
        "ustar\0"u8.CopyTo(block.Slice(257, 6));
        "00"u8.CopyTo(block.Slice(263, 2));
        "        "u8.CopyTo(block.Slice(148, 8));
        long sum = 0;
        foreach (var b in block)
            sum += b;
        WriteOctal(block.Slice(148, 7), sum);
        block[155] = (byte)' ';
    }

    /// <summary>
    /// Go's rule for the ustar prefix field: an ASCII name longer than the name field may be cut at a
    /// "/" into a prefix of at most 155 bytes and a non-empty rest of at most 100.
    /// </summary>
    private static bool TrySplit(ReadOnlySpan<byte> name, out int slash)
    {
        slash = -1;
        if (name.Length <= NameSize || !IsAscii(name))
            return false;
        var searchLength = name.Length;
        if (searchLength > PrefixSize + 1)
            searchLength = PrefixSize + 1;
        else if (name[searchLength - 1] == '/')
            searchLength--;
        slash = name[..searchLength].LastIndexOf((byte)'/');
        var restLength = name.Length - slash - 1;
        return slash > 0 && restLength is > 0 and <= NameSize && slash <= PrefixSize;
    }

    private static bool FitsUstarString(ReadOnlySpan<byte> value, int size) => value.Length <= size && IsAscii(value);

    private static bool IsAscii(ReadOnlySpan<byte> value) => !value.ContainsAnyInRange((byte)0x80, (byte)0xff);

    /// <summary>Whether a field of <paramref name="size"/> bytes holds the value as octal digits plus a NUL.</summary>
    private static bool FitsOctal(long value, int size) => value >= 0 && value < 1L << (3 * (size - 1));

    /// <summary>Only ASCII goes into the ustar fields; the exact bytes are in a PAX record when they differ.</summary>
    private static void WriteString(Span<byte> field, ReadOnlySpan<byte> value)
    {
        var used = 0;
        AppendAscii(field, ref used, value);
    }

    private static void AppendAscii(Span<byte> field, ref int used, ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
            if (b < 0x80 && used < field.Length)
                field[used++] = b;
    }

    private static void WriteOctal(Span<byte> field, long value)
    {
        var digits = field.Length - 1;
        for (var i = digits - 1; i >= 0; i--, value >>= 3)
            field[i] = (byte)('0' + (value & 7));
        field[digits] = 0;
    }

    /// <summary>Octal when it fits, else GNU base-256 (device numbers have no PAX keyword).</summary>
    private static void WriteNumber(Span<byte> field, long value)
    {
        if (FitsOctal(value, field.Length))
        {
            WriteOctal(field, value);
            return;
        }
        for (var i = field.Length - 1; i > 0; i--, value >>= 8)
            field[i] = (byte)value;
        field[0] = 0x80;
    }

    private static ReadOnlySpan<byte> Decimal(long value, Span<byte> buffer)
    {
        value.TryFormat(buffer, out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
        return buffer[..written];
    }

    /// <summary>One "LEN key=value\n" record, where LEN counts the whole record including its own digits.</summary>
    private static void Append(ref byte[] records, ref int length, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var body = key.Length + value.Length + 3; // ' ', '=', '\n'
        var total = body + DigitCount(body);
        if (DigitCount(total) != DigitCount(body))
            total = body + DigitCount(total);
        if (records.Length < length + total)
            Array.Resize(ref records, Math.Max(length + total, records.Length * 2));
        var record = records.AsSpan(length, total);
        total.TryFormat(record, out var digits, provider: System.Globalization.CultureInfo.InvariantCulture);
        record[digits] = (byte)' ';
        key.CopyTo(record[(digits + 1)..]);
        record[digits + 1 + key.Length] = (byte)'=';
        value.CopyTo(record[(digits + 2 + key.Length)..]);
        record[^1] = (byte)'\n';
        length += total;
    }

    private static int DigitCount(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
}
