using Berth.Engine.Errors;
using Berth.Engine.Native;
using Berth.Engine.Snapshots;
using Xunit;

namespace Berth.Tests.Snapshots;

/// <summary>Hostile layers: whatever a tar says, nothing may be written outside the target directory.</summary>
public sealed class LayerUnpackerSafetyTests : IDisposable
{
    private readonly LayerTestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private Task<LayerUnpackResult> Unpack(TarBuilder tar) =>
        LayerUnpacker.UnpackAsync(tar.Build(), _dir.Root, CancellationToken.None);

    [Theory]
    [InlineData("../evil")]
    [InlineData("a/../../evil")]
    [InlineData("/../evil")]
    [InlineData("./../outside/evil")]
    public async Task Entry_climbing_above_the_root_with_dotdot_is_rejected(string name)
    {
        var ex = await Assert.ThrowsAsync<BerthException>(() => Unpack(new TarBuilder().File(name, "x")));

        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal($"invalid tar entry \"{name}\": path escapes the layer root", ex.Message);
        Assert.False(File.Exists(Path.Combine(_dir.Base, "evil")));
        _dir.AssertOutsideUntouched();
    }

    [Fact]
    public async Task Dotdot_that_stays_inside_the_root_is_applied_lexically()
    {
        await Unpack(new TarBuilder().File("a/b/../c", "x"));

        Assert.Equal("x", File.ReadAllText(_dir.InRoot("a/c")));
    }

    [Fact]
    public async Task Absolute_path_lands_inside_the_root()
    {
        var outsideTarget = Path.Combine(_dir.Outside, "abs");

        await Unpack(new TarBuilder().File(outsideTarget, "x").File("//etc///conf", "y"));

        Assert.Equal("x", File.ReadAllText(_dir.InRoot(outsideTarget)));
        Assert.Equal("y", File.ReadAllText(_dir.InRoot("etc/conf")));
        _dir.AssertOutsideUntouched();
    }

    [Fact]
    public async Task Symlink_pointing_outside_cannot_be_followed_to_write_outside_the_root()
    {
        await Unpack(new TarBuilder()
            .Symlink("link", _dir.Outside)
            .File("link/passwd", "pwned")
            .Dir("link/sub/")
            .CharDevice("link/dev", 1, 3)
            .Symlink("link/ln", "/")
            .Fifo("link/fifo"));

        var inside = _dir.InRoot(_dir.Outside);
        Assert.Equal("pwned", File.ReadAllText(Path.Combine(inside, "passwd")));
        Assert.True(Directory.Exists(Path.Combine(inside, "sub")));
        _dir.AssertOutsideUntouched();
    }

    [Fact]
    public async Task Symlink_to_the_host_root_then_nested_path_stays_inside()
    {
        var unique = "berth-escape-" + Guid.NewGuid().ToString("N");

        await Unpack(new TarBuilder().Symlink("link", "/").File($"link/tmp/{unique}", "x"));

        Assert.False(File.Exists(Path.Combine("/tmp", unique)));
        Assert.Equal("x", File.ReadAllText(_dir.InRoot($"tmp/{unique}")));
    }

    [Fact]
    public async Task Relative_symlink_climbing_with_dotdot_is_clamped_at_the_root()
    {
        await Unpack(new TarBuilder()
            .Symlink("a/b/up", "../../../../../../../../.." + _dir.Outside)
            .File("a/b/up/file", "x"));

        Assert.Equal("x", File.ReadAllText(Path.Combine(_dir.InRoot(_dir.Outside), "file")));
        _dir.AssertOutsideUntouched();
    }

    [Fact]
    public async Task Chained_symlinks_are_resolved_inside_the_root()
    {
        await Unpack(new TarBuilder()
            .Symlink("one", "two")
            .Symlink("two", "/three")
            .Symlink("three", _dir.Outside)
            .File("one/x", "x"));

        Assert.Equal("x", File.ReadAllText(Path.Combine(_dir.InRoot(_dir.Outside), "x")));
        _dir.AssertOutsideUntouched();
    }

    [Fact]
    public async Task A_file_entry_replaces_a_symlink_instead_of_writing_through_it()
    {
        var victim = Path.Combine(_dir.Outside, "victim");
        File.WriteAllText(victim, "original");

        await Unpack(new TarBuilder().Symlink("f", victim).File("f", "replaced"));

        Assert.Equal("original", File.ReadAllText(victim));
        Assert.Equal("replaced", File.ReadAllText(_dir.InRoot("f")));
    }

    [Fact]
    public async Task Whiteout_through_a_symlink_cannot_delete_outside()
    {
        var victim = Path.Combine(_dir.Outside, "victim");
        File.WriteAllText(victim, "keep");

        await Unpack(new TarBuilder().Symlink("link", _dir.Outside).File("link/.wh.victim"));

        Assert.Equal("keep", File.ReadAllText(victim));
        Assert.Equal(Libc.S_IFCHR, FileStatus.Type(Path.Combine(_dir.InRoot(_dir.Outside), "victim")));
    }

    [Fact]
    public async Task Opaque_marker_through_a_symlink_marks_the_directory_inside()
    {
        await Unpack(new TarBuilder().Symlink("link", _dir.Outside).File("link/.wh..wh..opq"));

        Assert.Null(FileStatus.Xattr(_dir.Outside, "trusted.overlay.opaque"));
        Assert.Equal("y"u8.ToArray(), FileStatus.Xattr(_dir.InRoot(_dir.Outside), "trusted.overlay.opaque"));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("a/../../x")]
    public async Task Hard_link_whose_target_escapes_is_rejected(string target)
    {
        var ex = await Assert.ThrowsAsync<BerthException>(() => Unpack(new TarBuilder().HardLink("stolen", target)));

        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Contains("\"stolen\"", ex.Message);
        Assert.Contains("escapes the layer root", ex.Message);
        Assert.False(File.Exists(_dir.InRoot("stolen")));
    }

    [Fact]
    public async Task Hard_link_through_a_symlink_that_points_out_cannot_reach_an_outside_file()
    {
        var secret = Path.Combine(_dir.Outside, "secret");
        File.WriteAllText(secret, "s");

        var ex = await Assert.ThrowsAsync<BerthException>(() => Unpack(new TarBuilder()
            .Symlink("out", _dir.Outside)
            .HardLink("stolen", "out/secret")));

        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal(1ul, FileStatus.Lstat(secret).Nlink);
        Assert.False(File.Exists(_dir.InRoot("stolen")));
    }

    [Fact]
    public async Task Hard_link_through_a_symlink_that_points_out_links_the_file_inside_the_root()
    {
        var secret = Path.Combine(_dir.Outside, "secret");
        File.WriteAllText(secret, "outside");

        await Unpack(new TarBuilder()
            .File(secret, "inside")
            .Symlink("out", _dir.Outside)
            .HardLink("linked", "out/secret"));

        Assert.Equal("inside", File.ReadAllText(_dir.InRoot("linked")));
        Assert.Equal(1ul, FileStatus.Lstat(secret).Nlink);
        Assert.Equal(2ul, FileStatus.Lstat(_dir.InRoot(secret)).Nlink);
    }

    [Fact]
    public async Task Whiteout_named_dotdot_is_rejected()
    {
        var ex = await Assert.ThrowsAsync<BerthException>(() => Unpack(new TarBuilder().File("a/.wh...")));

        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
    }
}
