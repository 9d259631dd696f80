using System.Formats.Tar;

namespace Berth.Tests.Snapshots;

/// <summary>
/// Builds layer tars in memory with System.Formats.Tar, which happily writes hostile names. Modes are
/// octal strings because C# has no octal literals.
/// </summary>
public sealed class TarBuilder
{
    public static readonly DateTimeOffset DefaultTime = new(2021, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private readonly MemoryStream _stream = new();
    private readonly TarWriter _writer;

    public TarBuilder(TarEntryFormat format = TarEntryFormat.Pax)
    {
        Format = format;
        _writer = new TarWriter(_stream, format, leaveOpen: true);
    }

    public TarEntryFormat Format { get; }

    public TarBuilder Dir(string name, string mode = "755", int uid = 0, int gid = 0, DateTimeOffset? mtime = null) =>
        Add(New(TarEntryType.Directory, name, mode, uid, gid, mtime));

    public TarBuilder File(string name, string content = "", string mode = "644", int uid = 0, int gid = 0,
        DateTimeOffset? mtime = null) => File(name, System.Text.Encoding.UTF8.GetBytes(content), mode, uid, gid, mtime);

    public TarBuilder File(string name, byte[] content, string mode = "644", int uid = 0, int gid = 0,
        DateTimeOffset? mtime = null)
    {
        var entry = New(Format == TarEntryFormat.V7 ? TarEntryType.V7RegularFile : TarEntryType.RegularFile, name, mode, uid, gid, mtime);
        entry.DataStream = new MemoryStream(content);
        return Add(entry);
    }

    public TarBuilder Symlink(string name, string target, int uid = 0, int gid = 0, DateTimeOffset? mtime = null)
    {
        var entry = New(TarEntryType.SymbolicLink, name, "777", uid, gid, mtime);
        entry.LinkName = target;
        return Add(entry);
    }

    public TarBuilder HardLink(string name, string target)
    {
        var entry = New(TarEntryType.HardLink, name, "644", 0, 0, null);
        entry.LinkName = target;
        return Add(entry);
    }

    public TarBuilder CharDevice(string name, int major, int minor, string mode = "666")
    {
        var entry = (PosixTarEntry)New(TarEntryType.CharacterDevice, name, mode, 0, 0, null);
        entry.DeviceMajor = major;
        entry.DeviceMinor = minor;
        return Add(entry);
    }

    public TarBuilder Fifo(string name, string mode = "640") =>
        Add(New(TarEntryType.Fifo, name, mode, 0, 0, null));

    /// <summary>A regular file with PAX extended attributes (SCHILY.xattr.NAME = value).</summary>
    public TarBuilder FileWithXattrs(string name, string content, params (string Name, string Value)[] xattrs)
    {
        var attributes = xattrs.ToDictionary(x => "SCHILY.xattr." + x.Name, x => x.Value);
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name, attributes)
        {
            Mode = (UnixFileMode)Convert.ToInt32("644", 8),
            ModificationTime = DefaultTime,
            DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)),
        };
        return Add(entry);
    }

    public TarBuilder Add(TarEntry entry)
    {
        _writer.WriteEntry(entry);
        return this;
    }

    /// <summary>The finished archive, end-of-archive blocks included, positioned at its start.</summary>
    public MemoryStream Build()
    {
        _writer.Dispose();
        _stream.Position = 0;
        return _stream;
    }

    public byte[] ToArray() => Build().ToArray();

    private TarEntry New(TarEntryType type, string name, string mode, int uid, int gid, DateTimeOffset? mtime)
    {
        TarEntry entry = Format switch
        {
            TarEntryFormat.Gnu => new GnuTarEntry(type, name),
            TarEntryFormat.Ustar => new UstarTarEntry(type, name),
            TarEntryFormat.V7 => new V7TarEntry(type, name),
            _ => new PaxTarEntry(type, name),
        };
        entry.Mode = (UnixFileMode)Convert.ToInt32(mode, 8);
        entry.Uid = uid;
        entry.Gid = gid;
        entry.ModificationTime = mtime ?? DefaultTime;
        return entry;
    }
}
