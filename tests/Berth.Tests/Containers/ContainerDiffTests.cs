using Berth.Engine.Containers;
using Berth.Tests.Snapshots;
using Xunit;

namespace Berth.Tests.Containers;

/// <summary>`diff` computed from a writable layer and image layers built on disk (no container).</summary>
public sealed class ContainerDiffTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("berth-diff-").FullName;

    private string Upper => Path.Combine(_root, "upper");
    private string Lower => Path.Combine(_root, "lower");
    private string Top => Path.Combine(_root, "top");

    public ContainerDiffTests()
    {
        TreeBuilder.Dir(Upper);
        TreeBuilder.Dir(Lower);
        TreeBuilder.Dir(Top);
        TreeBuilder.Dir(Path.Combine(Lower, "etc"));
        TreeBuilder.File(Path.Combine(Lower, "etc", "passwd"), "root\n");
        TreeBuilder.File(Path.Combine(Lower, "etc", "group"), "root\n");
        TreeBuilder.Dir(Path.Combine(Lower, "var"));
        TreeBuilder.File(Path.Combine(Lower, "var", "old"), "old\n");
        TreeBuilder.Dir(Path.Combine(Top, "etc"));
        TreeBuilder.Whiteout(Path.Combine(Top, "etc", "group"));
    }

    private List<string> Lines() =>
        ContainerDiff.Changes(Upper, [Top, Lower]).Select(c => "CAD"[(int)c.Kind] + " " + c.Path).ToList();

    [Fact]
    public void Whiteouts_are_deletions_and_image_paths_modifications_with_parents_listed()
    {
        TreeBuilder.Dir(Path.Combine(Upper, "etc"));
        TreeBuilder.Whiteout(Path.Combine(Upper, "etc", "passwd"));
        TreeBuilder.Dir(Path.Combine(Upper, "new", "deep"));
        TreeBuilder.File(Path.Combine(Upper, "new", "deep", "f"), "x");

        Assert.Equal(["C /etc", "D /etc/passwd", "A /new", "A /new/deep", "A /new/deep/f"], Lines());
    }

    [Fact]
    public void A_path_an_upper_layer_whited_out_is_an_addition_again()
    {
        TreeBuilder.Dir(Path.Combine(Upper, "etc"));
        TreeBuilder.File(Path.Combine(Upper, "etc", "group"), "back\n");

        Assert.Equal(["C /etc", "A /etc/group"], Lines());
    }

    [Fact]
    public void An_opaque_directory_is_modified_and_its_children_listed()
    {
        TreeBuilder.Dir(Path.Combine(Upper, "var"));
        TreeBuilder.SetXattr(Path.Combine(Upper, "var"), "trusted.overlay.opaque", "y"u8.ToArray());
        TreeBuilder.File(Path.Combine(Upper, "var", "fresh"), "x");

        Assert.Equal(["C /var", "A /var/fresh"], Lines());
    }

    [Fact]
    public void Runtime_mount_points_are_left_out_and_a_copied_up_directory_alone_is_no_change()
    {
        TreeBuilder.Dir(Path.Combine(Upper, "etc"));
        TreeBuilder.File(Path.Combine(Upper, "etc", "hostname"), "");
        TreeBuilder.File(Path.Combine(Upper, "etc", "resolv.conf"), "");

        Assert.Empty(Lines());
    }

    public void Dispose() => Directory.Delete(_root, true);
}
