namespace Berth.Engine.Snapshots;

/// <summary>
/// Values from PAX ('x') and GNU long name ('L', 'K') headers waiting for the entry they describe.
/// Kept apart from <see cref="TarEntry"/> because they must win over the fields of the header that follows.
/// </summary>
internal sealed class TarHeaderOverrides
{
    private byte[] _paxPath = new byte[256];
    private byte[] _paxLinkPath = new byte[256];
    private byte[] _gnuName = new byte[256];
    private byte[] _gnuLinkName = new byte[256];

    public int PaxPathLength { get; private set; } = -1;
    public int PaxLinkPathLength { get; private set; } = -1;
    public int GnuNameLength { get; private set; } = -1;
    public int GnuLinkNameLength { get; private set; } = -1;

    public long? Size { get; set; }
    public uint? Uid { get; set; }
    public uint? Gid { get; set; }
    public (long Seconds, long Nanoseconds)? Mtime { get; set; }

    public ReadOnlySpan<byte> PaxPath => _paxPath.AsSpan(0, PaxPathLength);
    public ReadOnlySpan<byte> PaxLinkPath => _paxLinkPath.AsSpan(0, PaxLinkPathLength);
    public ReadOnlySpan<byte> GnuName => _gnuName.AsSpan(0, GnuNameLength);
    public ReadOnlySpan<byte> GnuLinkName => _gnuLinkName.AsSpan(0, GnuLinkNameLength);

    // An empty PAX value means "no override" (POSIX: it deletes the keyword).
    public void SetPaxPath(ReadOnlySpan<byte> value) => PaxPathLength = value.IsEmpty ? -1 : Store(ref _paxPath, value);
    public void SetPaxLinkPath(ReadOnlySpan<byte> value) => PaxLinkPathLength = value.IsEmpty ? -1 : Store(ref _paxLinkPath, value);
    public void SetGnuName(ReadOnlySpan<byte> value) => GnuNameLength = Store(ref _gnuName, value);
    public void SetGnuLinkName(ReadOnlySpan<byte> value) => GnuLinkNameLength = Store(ref _gnuLinkName, value);

    public void Reset()
    {
        PaxPathLength = PaxLinkPathLength = GnuNameLength = GnuLinkNameLength = -1;
        Size = null;
        Uid = Gid = null;
        Mtime = null;
    }

    private static int Store(ref byte[] buffer, ReadOnlySpan<byte> value)
    {
        if (buffer.Length < value.Length)
            buffer = new byte[Math.Max(value.Length, buffer.Length * 2)];
        value.CopyTo(buffer);
        return value.Length;
    }
}
