using Berth.Engine.Native;
using Berth.Engine.Snapshots;
using System.Formats.Tar;
using Xunit;

namespace Berth.Tests.Snapshots;

/// <summary>
/// Packs the upper directory of a real overlayfs mount after changes made through the mount, which is
/// what commit does, so the whiteouts and opaque directories are the kernel's, not hand-made ones.
/// </summary>
public sealed class LayerPackerOverlayTests : IDisposable
{
    private readonly LayerTestDirectory _dir = new();
    private readonly string _lower;
    private readonly string _upper;
    private readonly string _work;
    private readonly string _merged;

    public LayerPackerOverlayTests()
    {
        _lower = Directory.CreateDirectory(Path.Combine(_dir.Base, "lower")).FullName;
        _upper = Directory.CreateDirectory(Path.Combine(_dir.Base, "upper")).FullName;
        _work = Directory.CreateDirectory(Path.Combine(_dir.Base, "work")).FullName;
        _merged = Directory.CreateDirectory(Path.Combine(_dir.Base, "merged")).FullName;
        File.WriteAllText(Path.Combine(_lower, "a"), "a");
        File.WriteAllText(Path.Combine(_lower, "b"), "b");
        File.WriteAllText(Path.Combine(_lower, "e"), "e");
        File.WriteAllText(Path.Combine(_lower, "f"), "f");
        Directory.CreateDirectory(Path.Combine(_lower, "d"));
        File.WriteAllText(Path.Combine(_lower, "d", "x"), "x");
    }

    public void Dispose()
    {
        Libc.Unmount(_merged, Libc.MNT_DETACH);
        _dir.Dispose();
    }

    private string Merged(string relative) => Path.Combine(_merged, relative);

    private void Mount(string options) => Libc.Mount("overlay", _merged, "overlay", 0, options);

    private void MountReadWrite() => Mount($"lowerdir={_lower},upperdir={_upper},workdir={_work}");

    [Fact]
    public async Task Changes_made_through_an_overlay_mount_pack_as_an_aufs_diff()
    {
        MountReadWrite();
        try
        {
            File.Delete(Merged("a"));
            File.AppendAllText(Merged("b"), " modified");
            File.WriteAllText(Merged("c"), "new");
            Directory.Delete(Merged("d"), recursive: true);
            Directory.CreateDirectory(Merged("d"));
            File.WriteAllText(Merged("d/y"), "y");
        }
        finally
        {
            Libc.Unmount(_merged);
        }

        var (result, tar) = await PackedLayer.PackAsync(_upper);
        var entries = PackedLayer.Read(tar);

        Assert.Equal([".wh.a", "b", "c", "d/", "d/.wh..wh..opq", "d/y"], entries.Select(e => e.Name));
        Assert.Equal((TarEntryType.RegularFile, "600", ""), (entries[0].Type, entries[0].Mode, entries[0].Content));
        Assert.Equal("b modified", entries[1].Content);
        Assert.Equal("new", entries[2].Content);
        Assert.Equal(TarEntryType.Directory, entries[3].Type);
        Assert.Equal((TarEntryType.RegularFile, ""), (entries[4].Type, entries[4].Content));
        Assert.Equal("y", entries[5].Content);
        // overlayfs's bookkeeping (origin, impure, opaque) stays out of the layer.
        Assert.All(PackedLayer.ReadRaw(tar), e => Assert.DoesNotContain(e.Xattrs, x => x.Name.StartsWith("trusted.overlay.", StringComparison.Ordinal)));
        Assert.Equal(new LayerPackResult(Size: 10 + 3 + 1, Entries: 6), result);
    }

    [Fact]
    public async Task The_packed_diff_applied_over_the_lower_layer_shows_what_the_container_saw()
    {
        MountReadWrite();
        Dictionary<string, string> seen;
        try
        {
            File.Delete(Merged("a"));
            File.Delete(Merged("e")); // overlayfs shares one whiteout inode between deletions
            File.Delete(Merged("f"));
            File.AppendAllText(Merged("b"), "2");
            Directory.Delete(Merged("d"), recursive: true);
            Directory.CreateDirectory(Merged("d"));
            File.WriteAllText(Merged("d/y"), "y");
            seen = Snapshot(_merged);
        }
        finally
        {
            Libc.Unmount(_merged);
        }

        var (_, tar) = await PackedLayer.PackAsync(_upper);
        var diff = Directory.CreateDirectory(Path.Combine(_dir.Base, "diff")).FullName;
        await LayerUnpacker.UnpackAsync(new MemoryStream(tar), diff, CancellationToken.None);
        Mount($"lowerdir={diff}:{_lower}");
        try
        {
            Assert.Equal(seen, Snapshot(_merged));
        }
        finally
        {
            Libc.Unmount(_merged);
        }
        Assert.Equal([".wh.a", "b", "d/", "d/.wh..wh..opq", "d/y", ".wh.e", ".wh.f"], PackedLayer.Read(tar).Select(e => e.Name));
    }

    /// <summary>Every path under a directory with its content ("/" for directories).</summary>
    private static Dictionary<string, string> Snapshot(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).ToDictionary(
            p => Path.GetRelativePath(root, p),
            p => Directory.Exists(p) ? "/" : File.ReadAllText(p));
}
