using Berth.Engine.Errors;

namespace Berth.Engine.Snapshots;

/// <summary>
/// Parses a PAX extended header ("LEN key=value\n" records). Values stay bytes: xattr values such as
/// security.capability are binary and would be corrupted by decoding them as text.
/// </summary>
internal static class PaxRecords
{
    private static ReadOnlySpan<byte> XattrPrefix => "SCHILY.xattr."u8;
    private static ReadOnlySpan<byte> SparsePrefix => "GNU.sparse."u8;

    public static void Apply(ReadOnlySpan<byte> data, TarHeaderOverrides overrides, List<(byte[] Name, byte[] Value)> xattrs)
    {
        while (!data.IsEmpty)
        {
            var space = data.IndexOf((byte)' ');
            if (space <= 0 || !TarNumbers.TryParseDecimal(data[..space], out var length) ||
                length <= space + 1 || length > data.Length)
                throw Malformed();
            var record = data[..(int)length];
            data = data[(int)length..];
            if (record[^1] != '\n')
                throw Malformed();
            var keyValue = record[(space + 1)..^1];
            var equals = keyValue.IndexOf((byte)'=');
            if (equals <= 0)
                throw Malformed();
            Apply(keyValue[..equals], keyValue[(equals + 1)..], overrides, xattrs);
        }
    }

    private static void Apply(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, TarHeaderOverrides overrides,
        List<(byte[] Name, byte[] Value)> xattrs)
    {
        if (key.SequenceEqual("path"u8))
            overrides.SetPaxPath(NoNul(value));
        else if (key.SequenceEqual("linkpath"u8))
            overrides.SetPaxLinkPath(NoNul(value));
        else if (key.SequenceEqual("size"u8))
            overrides.Size = TarNumbers.TryParseDecimal(value, out var size) ? size : throw Malformed();
        else if (key.SequenceEqual("uid"u8))
            overrides.Uid = TarNumbers.TryParseDecimal(value, out var uid) ? TarNumbers.ToId(uid) : throw Malformed();
        else if (key.SequenceEqual("gid"u8))
            overrides.Gid = TarNumbers.TryParseDecimal(value, out var gid) ? TarNumbers.ToId(gid) : throw Malformed();
        else if (key.SequenceEqual("mtime"u8))
            overrides.Mtime = TarNumbers.TryParsePaxTime(value, out var s, out var ns) ? (s, ns) : throw Malformed();
        else if (key.StartsWith(XattrPrefix) && key.Length > XattrPrefix.Length)
        {
            var name = new byte[key.Length - XattrPrefix.Length + 1];
            key[XattrPrefix.Length..].CopyTo(name);
            xattrs.Add((name, value.ToArray()));
        }
        else if (key.StartsWith(SparsePrefix))
            throw BerthException.Invalid("unsupported tar entry: GNU sparse files are not supported in layers");
        // Everything else (atime, ctime, uname, gname, comments, vendor keys) does not affect the layer.
    }

    private static ReadOnlySpan<byte> NoNul(ReadOnlySpan<byte> value) =>
        value.IndexOf((byte)0) < 0 ? value : throw Malformed();

    private static BerthException Malformed() => BerthException.Invalid("invalid tar header: malformed PAX record");
}
