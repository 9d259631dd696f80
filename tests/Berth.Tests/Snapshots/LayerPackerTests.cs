using Berth.Engine.Errors;
using Berth.Engine.Native;
using Berth.Engine.Snapshots;
using System.Formats.Tar;
using System.Net.Sockets;
using Xunit;

namespace Berth.Tests.Snapshots;

public sealed class LayerPackerTests : IDisposable
{
    private static readonly DateTimeOffset FileTime = new(2019, 6, 7, 8, 9, 10, TimeSpan.Zero);
    private static readonly DateTimeOffset DirTime = new(2020, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly LayerTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string At(string relative) => _dir.InRoot(relative);

    [Fact]
    public async Task Packs_every_kind_of_entry_in_walk_order_with_owner_mode_and_mtime()
    {
        TreeBuilder.File(At("a-file"), "shared", mtime: FileTime);
        File.CreateSymbolicLink(At("abs"), "/etc/passwd");
        File.CreateSymbolicLink(At("bin"), "usr/bin");
        TreeBuilder.Dir(At("etc"), "750", uid: 1000, gid: 1001);
        TreeBuilder.File(At("etc/hostname"), "box\n", "640", uid: 33, gid: 44, mtime: FileTime);
        TreeBuilder.Node(At("loop"), Libc.S_IFBLK, 7, 0, "660");
        TreeBuilder.HardLink(At("a-file"), At("m-link"));
        TreeBuilder.Node(At("null"), Libc.S_IFCHR, 1, 3, "666");
        TreeBuilder.Node(At("pipe"), Libc.S_IFIFO, 0, 0, "640");
        TreeBuilder.File(At("sgid"), "", "2711");
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            socket.Bind(new UnixDomainSocketEndPoint(At("sock")));
        TreeBuilder.Dir(At("tmp"), "1777");
        Directory.CreateDirectory(At("usr/bin"));
        TreeBuilder.File(At("usr/bin/su"), "#!", "4755");
        TreeBuilder.HardLink(At("a-file"), At("z-link"));
        TreeBuilder.DirTime(At("etc"), DirTime);

        var (result, tar) = await PackedLayer.PackAsync(_dir.Root);
        var entries = PackedLayer.Read(tar);

        Assert.Equal(
            ["a-file", "abs", "bin", "etc/", "etc/hostname", "loop", "m-link", "null", "pipe", "sgid", "tmp/", "usr/", "usr/bin/", "usr/bin/su", "z-link"],
            entries.Select(e => e.Name));
        Assert.Equal(new LayerPackResult(Size: 6 + 4 + 0 + 2, Entries: 15), result);
        var byName = entries.ToDictionary(e => e.Name);

        Assert.Equal(new PackedEntry("a-file", TarEntryType.RegularFile, "644", 0, 0, "", "shared", FileTime.ToUnixTimeSeconds(), 0, 0, ""), byName["a-file"]);
        Assert.Equal((TarEntryType.SymbolicLink, "/etc/passwd", "777"), (byName["abs"].Type, byName["abs"].LinkName, byName["abs"].Mode));
        Assert.Equal((TarEntryType.SymbolicLink, "usr/bin"), (byName["bin"].Type, byName["bin"].LinkName));
        Assert.Equal(new PackedEntry("etc/", TarEntryType.Directory, "750", 1000, 1001, "", "", DirTime.ToUnixTimeSeconds(), 0, 0, ""), byName["etc/"]);
        Assert.Equal(new PackedEntry("etc/hostname", TarEntryType.RegularFile, "640", 33, 44, "", "box\n", FileTime.ToUnixTimeSeconds(), 0, 0, ""),
            byName["etc/hostname"]);
        Assert.Equal((TarEntryType.BlockDevice, 7, 0, "660"), (byName["loop"].Type, byName["loop"].DevMajor, byName["loop"].DevMinor, byName["loop"].Mode));
        Assert.Equal((TarEntryType.CharacterDevice, 1, 3, "666"), (byName["null"].Type, byName["null"].DevMajor, byName["null"].DevMinor, byName["null"].Mode));
        Assert.Equal((TarEntryType.Fifo, "640"), (byName["pipe"].Type, byName["pipe"].Mode));
        Assert.Equal("2711", byName["sgid"].Mode);
        Assert.Equal((TarEntryType.Directory, "1777"), (byName["tmp/"].Type, byName["tmp/"].Mode));
        Assert.Equal(("4755", "#!"), (byName["usr/bin/su"].Mode, byName["usr/bin/su"].Content));
        // The first path of a multiply linked inode carries the data; later paths link to it.
        foreach (var link in new[] { "m-link", "z-link" })
            Assert.Equal((TarEntryType.HardLink, "a-file", ""), (byName[link].Type, byName[link].LinkName, byName[link].Content));
    }

    [Fact]
    public async Task Xattrs_are_written_as_binary_safe_pax_records_without_overlay_ones()
    {
        // A valid VFS_CAP_REVISION_2 value (cap_net_bind_service+ep): binary, full of NULs.
        byte[] capability = [0x01, 0, 0, 0x02, 0x00, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        byte[] binary = [0xff, 0x00, 0x80, (byte)'\n', (byte)'='];
        TreeBuilder.File(At("ping"), "elf", "755");
        TreeBuilder.SetXattr(At("ping"), "security.capability", capability);
        TreeBuilder.SetXattr(At("ping"), "user.blob", binary);
        TreeBuilder.SetXattr(At("ping"), "trusted.overlay.origin", [1, 2, 3]);
        TreeBuilder.Dir(At("d"));
        TreeBuilder.SetXattr(At("d"), "user.note", "hello"u8.ToArray());
        TreeBuilder.SetXattr(At("d"), "trusted.overlay.impure", "y"u8.ToArray());

        var (_, tar) = await PackedLayer.PackAsync(_dir.Root);
        var raw = PackedLayer.ReadRaw(tar);

        var d = raw.Single(e => e.Name.AsSpan().SequenceEqual("d/"u8));
        Assert.Equal(["user.note=68656C6C6F"], d.Xattrs.Select(x => $"{x.Name}={Convert.ToHexString(x.Value)}"));
        var ping = raw.Single(e => e.Name.AsSpan().SequenceEqual("ping"u8));
        Assert.Equal([$"security.capability={Convert.ToHexString(capability)}", $"user.blob={Convert.ToHexString(binary)}"],
            ping.Xattrs.Select(x => $"{x.Name}={Convert.ToHexString(x.Value)}"));
    }

    [Fact]
    public async Task Binary_xattrs_survive_unpacking_again()
    {
        byte[] capability = [0x01, 0, 0, 0x02, 0x00, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        TreeBuilder.File(At("ping"), "elf", "4755");
        TreeBuilder.SetXattr(At("ping"), "security.capability", capability);

        var (_, tar) = await PackedLayer.PackAsync(_dir.Root);
        using var target = new LayerTestDirectory();
        await LayerUnpacker.UnpackAsync(new MemoryStream(tar), target.Root, CancellationToken.None);

        Assert.Equal(capability, FileStatus.Xattr(target.InRoot("ping"), "security.capability"));
        Assert.Equal("4755", FileStatus.Mode(target.InRoot("ping")));
    }

    [Fact]
    public async Task Whiteout_devices_become_empty_0600_wh_files_with_the_device_owner_and_mtime()
    {
        TreeBuilder.Whiteout(At("gone"), uid: 5, gid: 6);
        Directory.CreateDirectory(At("d"));
        TreeBuilder.Whiteout(At("d/also-gone"));
        // overlayfs links all whiteouts to one inode; they must not turn into hard links.
        TreeBuilder.HardLink(At("gone"), At("d/linked-gone"));
        File.SetLastWriteTimeUtc(At("gone"), FileTime.UtcDateTime);

        var (result, tar) = await PackedLayer.PackAsync(_dir.Root);
        var entries = PackedLayer.Read(tar);

        // Entries sort by the name on disk, as Docker's walk does: "d" before "gone".
        Assert.Equal(["d/", "d/.wh.also-gone", "d/.wh.linked-gone", ".wh.gone"], entries.Select(e => e.Name));
        Assert.Equal(new PackedEntry(".wh.gone", TarEntryType.RegularFile, "600", 5, 6, "", "", FileTime.ToUnixTimeSeconds(), 0, 0, ""),
            entries[3]);
        Assert.All(entries.Where(e => e.Name.Contains(".wh.")), e => Assert.Equal((TarEntryType.RegularFile, "600", ""), (e.Type, e.Mode, e.Content)));
        Assert.Equal(new LayerPackResult(0, 4), result);
    }

    [Fact]
    public async Task Real_character_devices_with_other_numbers_stay_devices()
    {
        TreeBuilder.Node(At("zero"), Libc.S_IFCHR, 1, 5, "666");
        TreeBuilder.Node(At("big"), Libc.S_IFCHR, 4000, 1000000, "600"); // the kernel's largest: 12-bit major, 20-bit minor

        var (_, tar) = await PackedLayer.PackAsync(_dir.Root);
        var entries = PackedLayer.Read(tar);

        Assert.Equal(["big", "zero"], entries.Select(e => e.Name));
        Assert.Equal((TarEntryType.CharacterDevice, 4000, 1000000), (entries[0].Type, entries[0].DevMajor, entries[0].DevMinor));
        Assert.Equal((TarEntryType.CharacterDevice, 1, 5), (entries[1].Type, entries[1].DevMajor, entries[1].DevMinor));
        using var target = new LayerTestDirectory();
        await LayerUnpacker.UnpackAsync(new MemoryStream(tar), target.Root, CancellationToken.None);
        Assert.Equal(Libc.MakeDev(4000, 1000000), FileStatus.Lstat(target.InRoot("big")).Rdev);
    }

    [Fact]
    public async Task Opaque_directory_is_followed_by_an_opaque_marker_and_loses_the_xattr()
    {
        TreeBuilder.Dir(At("o"), "750", uid: 7, gid: 8);
        TreeBuilder.File(At("o/a"), "a");
        TreeBuilder.SetXattr(At("o"), "trusted.overlay.opaque", "y"u8.ToArray());
        // "x" marks a directory that merely holds xwhiteouts (Linux 6.7); it is not opaque.
        TreeBuilder.Dir(At("x"));
        TreeBuilder.SetXattr(At("x"), "trusted.overlay.opaque", "x"u8.ToArray());
        TreeBuilder.DirTime(At("o"), DirTime);

        var (result, tar) = await PackedLayer.PackAsync(_dir.Root);
        var entries = PackedLayer.Read(tar);

        Assert.Equal(["o/", "o/.wh..wh..opq", "o/a", "x/"], entries.Select(e => e.Name));
        Assert.Equal(new PackedEntry("o/", TarEntryType.Directory, "750", 7, 8, "", "", DirTime.ToUnixTimeSeconds(), 0, 0, ""), entries[0]);
        // Docker's marker: the directory's owner and permission bits, an empty file dated the epoch.
        Assert.Equal(new PackedEntry("o/.wh..wh..opq", TarEntryType.RegularFile, "750", 7, 8, "", "", 0, 0, 0, ""), entries[1]);
        Assert.All(PackedLayer.ReadRaw(tar), e => Assert.Empty(e.Xattrs));
        Assert.Equal(4, result.Entries);
    }

    [Fact]
    public async Task Long_and_non_ascii_names_and_link_targets_are_kept_exactly()
    {
        var deep = string.Join("/", Enumerable.Repeat("directory-name-of-some-length", 5)); // 149 bytes: ustar prefix split
        Directory.CreateDirectory(At(deep));
        File.WriteAllText(At(deep + "/file"), "deep");
        var longName = new string('n', 200); // one component too long for ustar: PAX path
        File.WriteAllText(At(longName), "long");
        File.WriteAllText(At("café"), "utf8");
        File.CreateSymbolicLink(At("link"), "/" + new string('t', 150));
        byte[] invalidUtf8 = [(byte)'r', (byte)'a', (byte)'w', 0xff, 0xfe];
        TreeBuilder.RawFile([.. System.Text.Encoding.UTF8.GetBytes(_dir.Root + "/"), .. invalidUtf8], "raw");

        var (_, tar) = await PackedLayer.PackAsync(_dir.Root);
        var entries = PackedLayer.Read(tar);
        var raw = PackedLayer.ReadRaw(tar);

        Assert.Contains(entries, e => e.Name == deep + "/file" && e.Content == "deep");
        Assert.Contains(entries, e => e.Name == longName && e.Content == "long");
        Assert.Contains(entries, e => e.Name == "café" && e.Content == "utf8");
        Assert.Contains(entries, e => e.Name == "link" && e.LinkName == "/" + new string('t', 150));
        Assert.Contains(raw, e => e.Name.AsSpan().SequenceEqual(invalidUtf8));
    }

    [Fact]
    public async Task Gnu_tar_extracts_the_archive_with_long_names_owners_and_xattrs()
    {
        var deep = string.Join("/", Enumerable.Repeat("segment-of-a-long-path", 8));
        Directory.CreateDirectory(At(deep));
        TreeBuilder.File(At(deep + "/f"), "deep", "600", uid: 3000000, gid: 42);
        File.WriteAllText(At(new string('x', 180)), "long");
        TreeBuilder.SetXattr(At(new string('x', 180)), "user.k", [0xff, 0x00, 0x01]);
        File.WriteAllBytes(At("big"), Enumerable.Range(0, 300_001).Select(i => (byte)(i * 7)).ToArray());

        var (_, tar) = await PackedLayer.PackAsync(_dir.Root);
        var archive = Path.Combine(_dir.Base, "layer.tar");
        await File.WriteAllBytesAsync(archive, tar);
        var psi = new System.Diagnostics.ProcessStartInfo("tar",
            ["--xattrs", "--xattrs-include=*", "--numeric-owner", "-xpf", archive, "-C", _dir.Outside]) { RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(psi)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, errors);
        var outside = (string p) => Path.Combine(_dir.Outside, p);
        Assert.Equal("deep", File.ReadAllText(outside(deep + "/f")));
        Assert.Equal((3000000u, 42u), FileStatus.Owner(outside(deep + "/f")));
        Assert.Equal([0xff, 0x00, 0x01], FileStatus.Xattr(outside(new string('x', 180)), "user.k"));
        Assert.Equal(File.ReadAllBytes(At("big")), File.ReadAllBytes(outside("big")));
    }

    [Fact]
    public async Task Symlinks_in_the_tree_are_archived_never_followed()
    {
        File.WriteAllText(Path.Combine(_dir.Outside, "secret"), "do not read");
        File.CreateSymbolicLink(At("out"), _dir.Outside);
        File.CreateSymbolicLink(At("file"), Path.Combine(_dir.Outside, "secret"));
        Directory.CreateDirectory(At("d"));
        File.CreateSymbolicLink(At("d/up"), "../..");

        var (result, tar) = await PackedLayer.PackAsync(_dir.Root);
        var entries = PackedLayer.Read(tar);

        Assert.Equal(["d/", "d/up", "file", "out"], entries.Select(e => e.Name));
        Assert.All(entries.Where(e => e.Name != "d/"), e => Assert.Equal(TarEntryType.SymbolicLink, e.Type));
        Assert.DoesNotContain(entries, e => e.Content.Contains("do not read"));
        Assert.Equal(0, result.Size);
    }

    [Fact]
    public async Task File_data_of_any_length_is_padded_to_whole_blocks()
    {
        var sizes = new[] { 0, 1, 511, 512, 513, 128 * 1024, 128 * 1024 + 1, 1_000_003 };
        foreach (var size in sizes)
            File.WriteAllBytes(At($"f{size:D8}"), Enumerable.Range(0, size).Select(i => (byte)(i % 251)).ToArray());

        var (result, tar) = await PackedLayer.PackAsync(_dir.Root);

        Assert.Equal(0, tar.Length % 512);
        Assert.Equal(sizes.Sum(s => (long)s), result.Size);
        using var reader = new TarReader(new MemoryStream(tar));
        foreach (var size in sizes)
        {
            var entry = reader.GetNextEntry()!;
            Assert.Equal($"f{size:D8}", entry.Name);
            using var data = new MemoryStream();
            entry.DataStream?.CopyTo(data);
            Assert.Equal(Enumerable.Range(0, size).Select(i => (byte)(i % 251)).ToArray(), data.ToArray());
        }
        Assert.Null(reader.GetNextEntry());
    }

    [Fact]
    public async Task Packing_is_deterministic_and_children_come_right_after_their_directory()
    {
        Directory.CreateDirectory(At("a/b"));
        File.WriteAllText(At("a/b/c"), "1");
        File.WriteAllText(At("a-b"), "2");
        File.WriteAllText(At("a.b"), "3");
        File.WriteAllText(At("B"), "4");

        var first = await PackedLayer.PackAsync(_dir.Root);
        var second = await PackedLayer.PackAsync(_dir.Root);

        Assert.Equal(first.Tar, second.Tar);
        // Siblings sort bytewise ("B" < "a" < "a-b" < "a.b"), and a directory's subtree is complete before its next sibling.
        Assert.Equal(["B", "a/", "a/b/", "a/b/c", "a-b", "a.b"], PackedLayer.Read(first.Tar).Select(e => e.Name));
    }

    [Fact]
    public async Task An_empty_directory_packs_to_just_the_end_of_archive_marker()
    {
        var (result, tar) = await PackedLayer.PackAsync(_dir.Root);

        Assert.Equal(new LayerPackResult(0, 0), result);
        Assert.Equal(new byte[1024], tar);
    }

    [Fact]
    public async Task A_missing_directory_is_not_found()
    {
        var error = await Assert.ThrowsAsync<BerthException>(() =>
            LayerPacker.PackAsync(Path.Combine(_dir.Base, "missing"), new MemoryStream(), CancellationToken.None));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Cancellation_stops_packing()
    {
        for (var i = 0; i < 10; i++)
            File.WriteAllText(At($"f{i}"), "x");
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LayerPacker.PackAsync(_dir.Root, new MemoryStream(), cts.Token));
    }
}
