using System.Text;

namespace Berth.Engine.Snapshots;

/// <summary>
/// One tar entry's header with PAX/GNU extensions already merged. A single instance is reused for
/// every entry so a layer with many files does not allocate per entry. Names are raw bytes, each
/// followed by a NUL so they can go to the kernel as they are.
/// </summary>
internal sealed class TarEntry
{
    private byte[] _name = new byte[256];
    private byte[] _linkName = new byte[256];

    public TarEntryKind Kind { get; set; }
    public int NameLength { get; private set; }
    public int LinkNameLength { get; private set; }

    /// <summary>Bytes of data following the header; always 0 for kinds that carry no data.</summary>
    public long Size { get; set; }

    /// <summary>Permission bits including setuid, setgid and sticky (07777).</summary>
    public uint Mode { get; set; }
    public uint Uid { get; set; }
    public uint Gid { get; set; }
    public long MtimeSeconds { get; set; }
    public long MtimeNanoseconds { get; set; }
    public uint DevMajor { get; set; }
    public uint DevMinor { get; set; }

    /// <summary>SCHILY.xattr.* records: NUL-terminated attribute name and raw (possibly binary) value.</summary>
    public List<(byte[] Name, byte[] Value)> Xattrs { get; } = [];

    public ReadOnlySpan<byte> Name => _name.AsSpan(0, NameLength);
    public ReadOnlySpan<byte> LinkName => _linkName.AsSpan(0, LinkNameLength);

    /// <summary>The link target followed by its NUL terminator.</summary>
    public byte[] LinkNameBuffer => _linkName;

    /// <summary>The name for error messages; undecodable bytes are replaced, which is fine for humans.</summary>
    public string DisplayName => Encoding.UTF8.GetString(Name);
    public string DisplayLinkName => Encoding.UTF8.GetString(LinkName);

    public void SetName(ReadOnlySpan<byte> value) => NameLength = Store(ref _name, value);
    public void SetLinkName(ReadOnlySpan<byte> value) => LinkNameLength = Store(ref _linkName, value);

    public void Reset()
    {
        NameLength = 0;
        LinkNameLength = 0;
        _name[0] = 0;
        _linkName[0] = 0;
        Size = 0;
        Mode = 0;
        Uid = Gid = 0;
        MtimeSeconds = MtimeNanoseconds = 0;
        DevMajor = DevMinor = 0;
        Xattrs.Clear();
    }

    private static int Store(ref byte[] buffer, ReadOnlySpan<byte> value)
    {
        if (buffer.Length < value.Length + 1)
            buffer = new byte[Math.Max(value.Length + 1, buffer.Length * 2)];
        value.CopyTo(buffer);
        buffer[value.Length] = 0;
        return value.Length;
    }
}
