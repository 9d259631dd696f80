using Berth.Engine.Native;
using Berth.Engine.Snapshots;
using Xunit;

namespace Berth.Tests.Snapshots;

public sealed class LayerUnpackerTests : IDisposable
{
    private static readonly DateTimeOffset DirTime = new(2020, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset FileTime = new(2019, 6, 7, 8, 9, 10, TimeSpan.Zero);

    private readonly LayerTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private Task<LayerUnpackResult> Unpack(TarBuilder tar) =>
        LayerUnpacker.UnpackAsync(tar.Build(), _dir.Root, CancellationToken.None);

    [Fact]
    public async Task Files_and_directories_get_their_content_mode_owner_and_mtime()
    {
        var result = await Unpack(new TarBuilder()
            .Dir("etc/", "750", uid: 1000, gid: 1001, mtime: DirTime)
            .File("etc/hostname", "box\n", "640", uid: 33, gid: 44, mtime: FileTime)
            .File("usr/bin/su", "#!", "4755", mtime: FileTime)
            .Dir("tmp/", "1777")
            .File("sgid", "", "2711"));

        Assert.Equal(new LayerUnpackResult(Size: 6, Entries: 5), result);
        Assert.Equal("box\n", File.ReadAllText(_dir.InRoot("etc/hostname")));
        Assert.Equal("640", FileStatus.Mode(_dir.InRoot("etc/hostname")));
        Assert.Equal((33u, 44u), FileStatus.Owner(_dir.InRoot("etc/hostname")));
        Assert.Equal(FileTime.ToUnixTimeSeconds(), FileStatus.MtimeSeconds(_dir.InRoot("etc/hostname")));

        Assert.Equal("750", FileStatus.Mode(_dir.InRoot("etc")));
        Assert.Equal((1000u, 1001u), FileStatus.Owner(_dir.InRoot("etc")));
        Assert.Equal("4755", FileStatus.Mode(_dir.InRoot("usr/bin/su")));
        Assert.Equal("1777", FileStatus.Mode(_dir.InRoot("tmp")));
        Assert.Equal("2711", FileStatus.Mode(_dir.InRoot("sgid")));
    }

    [Fact]
    public async Task Directory_mtime_survives_children_created_after_it()
    {
        await Unpack(new TarBuilder()
            .Dir("d/", mtime: DirTime)
            .File("d/a", "1")
            .Dir("d/sub/", mtime: DirTime)
            .File("d/sub/b", "2")
            .File("d/.wh.gone"));

        Assert.Equal(DirTime.ToUnixTimeSeconds(), FileStatus.MtimeSeconds(_dir.InRoot("d")));
        Assert.Equal(DirTime.ToUnixTimeSeconds(), FileStatus.MtimeSeconds(_dir.InRoot("d/sub")));
    }

    [Fact]
    public async Task Missing_parent_directories_are_created_with_mode_0755()
    {
        await Unpack(new TarBuilder().File("a/b/c.txt", "x"));

        Assert.Equal("x", File.ReadAllText(_dir.InRoot("a/b/c.txt")));
        Assert.Equal("755", FileStatus.Mode(_dir.InRoot("a")));
        Assert.Equal("755", FileStatus.Mode(_dir.InRoot("a/b")));
    }

    [Fact]
    public async Task Symlinks_keep_their_target_verbatim_and_their_own_owner_and_mtime()
    {
        await Unpack(new TarBuilder()
            .Symlink("bin", "usr/bin")
            .Symlink("abs", "/etc/does-not-exist", uid: 7, gid: 8, mtime: FileTime));

        Assert.Equal("usr/bin", new FileInfo(_dir.InRoot("bin")).LinkTarget);
        Assert.Equal("/etc/does-not-exist", new FileInfo(_dir.InRoot("abs")).LinkTarget);
        Assert.Equal((7u, 8u), FileStatus.Owner(_dir.InRoot("abs")));
        Assert.Equal(FileTime.ToUnixTimeSeconds(), FileStatus.MtimeSeconds(_dir.InRoot("abs")));
    }

    [Fact]
    public async Task Hard_links_share_the_target_inode()
    {
        var result = await Unpack(new TarBuilder()
            .File("usr/bin/perl", "perl", "755")
            .HardLink("usr/bin/perl5.36", "usr/bin/perl")
            .HardLink("/perl", "./usr/bin/perl"));

        var target = FileStatus.Lstat(_dir.InRoot("usr/bin/perl"));
        Assert.Equal(3ul, target.Nlink);
        Assert.Equal(target.Ino, FileStatus.Lstat(_dir.InRoot("usr/bin/perl5.36")).Ino);
        Assert.Equal(target.Ino, FileStatus.Lstat(_dir.InRoot("perl")).Ino);
        Assert.Equal(new LayerUnpackResult(Size: 4, Entries: 3), result);
    }

    [Fact]
    public async Task Hard_link_to_a_symlink_links_the_symlink_itself()
    {
        await Unpack(new TarBuilder().Symlink("s", "/etc/passwd").HardLink("h", "s"));

        Assert.Equal(Libc.S_IFLNK, FileStatus.Type(_dir.InRoot("h")));
        Assert.Equal("/etc/passwd", new FileInfo(_dir.InRoot("h")).LinkTarget);
    }

    [Fact]
    public async Task Devices_and_fifos_are_created_with_their_numbers_and_mode()
    {
        await Unpack(new TarBuilder().CharDevice("dev/null", 1, 3).Fifo("run/fifo"));

        var dev = FileStatus.Lstat(_dir.InRoot("dev/null"));
        Assert.Equal(Libc.S_IFCHR, dev.Mode & FileStatus.TypeMask);
        Assert.Equal(Libc.MakeDev(1, 3), dev.Rdev);
        Assert.Equal("666", Convert.ToString(dev.Mode & 0xfff, 8));
        Assert.Equal(Libc.S_IFIFO, FileStatus.Type(_dir.InRoot("run/fifo")));
        Assert.Equal("640", FileStatus.Mode(_dir.InRoot("run/fifo")));
    }

    [Fact]
    public async Task Whiteout_file_becomes_a_0_0_character_device_replacing_what_the_layer_had_there()
    {
        var result = await Unpack(new TarBuilder()
            .Dir("etc/")
            .Dir("etc/old/")
            .File("etc/old/file", "x")
            .File("etc/.wh.old")
            .File(".wh.gone"));

        foreach (var path in new[] { "etc/old", "gone" })
        {
            var st = FileStatus.Lstat(_dir.InRoot(path));
            Assert.Equal(Libc.S_IFCHR, st.Mode & FileStatus.TypeMask);
            Assert.Equal(0ul, st.Rdev);
        }
        Assert.False(File.Exists(_dir.InRoot("etc/.wh.old")));
        Assert.Equal(5, result.Entries);
    }

    [Fact]
    public async Task Opaque_marker_sets_the_overlay_opaque_xattr_and_is_not_written()
    {
        await Unpack(new TarBuilder()
            .Dir("var/")
            .Dir("var/cache/")
            .File("var/cache/.wh..wh..opq")
            .File("var/cache/kept", "k")
            .File("new/.wh..wh..opq"));

        Assert.Equal("y"u8.ToArray(), FileStatus.Xattr(_dir.InRoot("var/cache"), "trusted.overlay.opaque"));
        Assert.Equal("y"u8.ToArray(), FileStatus.Xattr(_dir.InRoot("new"), "trusted.overlay.opaque"));
        Assert.Null(FileStatus.Xattr(_dir.InRoot("var"), "trusted.overlay.opaque"));
        Assert.False(File.Exists(_dir.InRoot("var/cache/.wh..wh..opq")));
        Assert.True(File.Exists(_dir.InRoot("var/cache/kept")));
    }

    [Fact]
    public async Task Aufs_metadata_entries_are_skipped()
    {
        await Unpack(new TarBuilder()
            .Dir(".wh..wh.plnk/")
            .File(".wh..wh.plnk/12345.6789", "x")
            .File("etc/.wh..wh.aufs"));

        Assert.False(Directory.Exists(_dir.InRoot(".wh..wh.plnk")));
        Assert.False(File.Exists(_dir.InRoot("etc/.wh..wh.aufs")));
    }

    [Fact]
    public async Task A_later_file_replaces_an_earlier_file_or_symlink_at_the_same_path()
    {
        await Unpack(new TarBuilder()
            .File("a", "first")
            .File("a", "second")
            .Symlink("b", "a")
            .File("b", "real"));

        Assert.Equal("second", File.ReadAllText(_dir.InRoot("a")));
        Assert.Equal(Libc.S_IFREG, FileStatus.Type(_dir.InRoot("b")));
        Assert.Equal("real", File.ReadAllText(_dir.InRoot("b")));
    }

    [Fact]
    public async Task A_non_directory_replaces_a_whole_directory_tree()
    {
        await Unpack(new TarBuilder()
            .Dir("d/")
            .Dir("d/sub/", "0")
            .File("d/sub/f", "x", "0")
            .Symlink("d/link", "/")
            .Symlink("d", "elsewhere"));

        Assert.Equal("elsewhere", new FileInfo(_dir.InRoot("d")).LinkTarget);
    }

    [Fact]
    public async Task Removing_a_replaced_directory_does_not_follow_symlinks_inside_it()
    {
        File.WriteAllText(Path.Combine(_dir.Outside, "precious"), "keep");

        await Unpack(new TarBuilder()
            .Symlink("d/out", _dir.Outside)
            .Symlink("d/file", Path.Combine(_dir.Outside, "precious"))
            .File("d", "now a file"));

        Assert.Equal("now a file", File.ReadAllText(_dir.InRoot("d")));
        Assert.Equal("keep", File.ReadAllText(Path.Combine(_dir.Outside, "precious")));
    }

    [Fact]
    public async Task A_directory_over_a_directory_keeps_its_contents_and_takes_the_new_metadata()
    {
        await Unpack(new TarBuilder()
            .Dir("d/", "700")
            .File("d/kept", "x")
            .Dir("d/", "755", uid: 5, gid: 6));

        Assert.True(File.Exists(_dir.InRoot("d/kept")));
        Assert.Equal("755", FileStatus.Mode(_dir.InRoot("d")));
        Assert.Equal((5u, 6u), FileStatus.Owner(_dir.InRoot("d")));
    }

    [Fact]
    public async Task A_directory_replaces_an_earlier_file()
    {
        await Unpack(new TarBuilder().File("d", "x").Dir("d/").File("d/inner", "y"));

        Assert.Equal("y", File.ReadAllText(_dir.InRoot("d/inner")));
    }

    [Fact]
    public async Task Root_entry_updates_the_root_directory_metadata()
    {
        await Unpack(new TarBuilder().Dir("./", "711", uid: 3, gid: 4, mtime: DirTime).File("x", "1"));

        Assert.Equal("711", FileStatus.Mode(_dir.Root));
        Assert.Equal((3u, 4u), FileStatus.Owner(_dir.Root));
        Assert.Equal(DirTime.ToUnixTimeSeconds(), FileStatus.MtimeSeconds(_dir.Root));
    }

    [Fact]
    public async Task Pax_xattrs_are_set_on_files_and_overlay_xattrs_from_the_tar_are_ignored()
    {
        await Unpack(new TarBuilder().FileWithXattrs("f", "data",
            ("user.note", "hello"), ("trusted.overlay.redirect", "/elsewhere")));

        Assert.Equal("hello"u8.ToArray(), FileStatus.Xattr(_dir.InRoot("f"), "user.note"));
        Assert.Null(FileStatus.Xattr(_dir.InRoot("f"), "trusted.overlay.redirect"));
    }

    [Fact]
    public async Task Binary_xattr_values_such_as_file_capabilities_are_kept_byte_for_byte()
    {
        byte[] value = [0x00, 0x00, 0x00, 0x02, 0xff, 0x80, 0x00, 0x01];
        var pax = RawTar.PaxRecord("SCHILY.xattr.trusted.blob", value);
        var tar = RawTar.Entry("PaxHeaders/f", 'x', pax)
            .Concat(RawTar.Entry("f", '0', "abc"u8.ToArray()))
            .Concat(RawTar.EndOfArchive).ToArray();

        await LayerUnpacker.UnpackAsync(new MemoryStream(tar), _dir.Root, CancellationToken.None);

        Assert.Equal(value, FileStatus.Xattr(_dir.InRoot("f"), "trusted.blob"));
        Assert.Equal("abc", File.ReadAllText(_dir.InRoot("f")));
    }
    [Fact]
    public async Task Xattrs_on_symlinks_and_devices_are_set_without_following_them()
    {
        var target = Path.Combine(_dir.Outside, "target");
        File.WriteAllText(target, "");
        var attributes = new Dictionary<string, string> { ["SCHILY.xattr.trusted.tag"] = "link" };
        var tar = new TarBuilder()
            .Add(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.SymbolicLink, "l", attributes) { LinkName = target })
            .Add(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.Fifo, "p",
                new Dictionary<string, string> { ["SCHILY.xattr.user.refused"] = "on a fifo" }));

        await Unpack(tar);

        Assert.Equal("link"u8.ToArray(), FileStatus.Xattr(_dir.InRoot("l"), "trusted.tag"));
        Assert.Null(FileStatus.Xattr(target, "trusted.tag"));
        Assert.Equal(Libc.S_IFIFO, FileStatus.Type(_dir.InRoot("p")));
    }
}
