using Berth.Engine.Errors;
using Berth.Engine.Runtime.Spec;
using Xunit;

namespace Berth.Tests.Runtime;

public class SpecStepsMountTests
{
    [Fact]
    public void Bind_mount_is_recursive_with_mode_and_propagation()
    {
        var spec = SpecSteps.Build(SpecSteps.WithBindMount("/srv/data", "/data/", readOnly: true));
        var m = Assert.Single(spec.Mounts!, m => m.Destination == "/data");
        Assert.Equal(("bind", "/srv/data"), (m.Type, m.Source));
        Assert.Equal(["rbind", "ro", "rprivate"], m.Options);
        Assert.Null(spec.Linux!.RootfsPropagation);
    }

    [Fact]
    public void Bind_mount_replaces_a_mount_at_the_same_destination_in_place()
    {
        var spec = SpecSteps.Build(SpecSteps.WithBindMount("/host/shm", "/dev/shm"));
        var index = spec.Mounts!.FindIndex(m => m.Destination == "/dev/shm");
        Assert.Equal(6, index);
        Assert.Equal("/host/shm", spec.Mounts[index].Source);
        Assert.Single(spec.Mounts, m => m.Destination == "/dev/shm");
    }

    [Fact]
    public void Shared_and_slave_propagation_raise_the_rootfs_propagation()
    {
        Assert.Equal("rslave", SpecSteps.Build(SpecSteps.WithBindMount("/a", "/a", propagation: "rslave")).Linux!.RootfsPropagation);
        var spec = SpecSteps.Build(
            SpecSteps.WithBindMount("/a", "/a", propagation: "shared"),
            SpecSteps.WithBindMount("/b", "/b", propagation: "slave"));
        Assert.Equal("rshared", spec.Linux!.RootfsPropagation);
        Assert.Throws<BerthException>(() => SpecSteps.WithBindMount("/a", "/a", propagation: "sideways"));
        Assert.Throws<BerthException>(() => SpecSteps.WithBindMount("/a", "relative"));
    }

    [Fact]
    public void Tmpfs_merges_options_over_dockers_defaults()
    {
        var spec = SpecSteps.Build(SpecSteps.WithTmpfs("/run", "exec, size=64m"), SpecSteps.WithTmpfs("/tmp"));
        var run = Assert.Single(spec.Mounts!, m => m.Destination == "/run");
        Assert.Equal(("tmpfs", "tmpfs"), (run.Type, run.Source));
        Assert.Equal(["nosuid", "nodev", "exec", "size=64m"], run.Options);
        Assert.Equal(["noexec", "nosuid", "nodev"], spec.Mounts!.Single(m => m.Destination == "/tmp").Options);
    }

    [Fact]
    public void Shm_size_replaces_the_size_option()
    {
        var shm = SpecSteps.Build(SpecSteps.WithShmSize(128L << 20)).Mounts!.Single(m => m.Destination == "/dev/shm");
        Assert.Contains("size=134217728", shm.Options!);
        Assert.DoesNotContain("size=65536k", shm.Options!);
        Assert.Contains("mode=1777", shm.Options!);
        Assert.Throws<BerthException>(() => SpecSteps.WithShmSize(0));
    }

    [Fact]
    public void Masked_and_readonly_paths_are_replaced()
    {
        var linux = SpecSteps.Build(SpecSteps.WithMaskedPaths(["/proc/x"]), SpecSteps.WithReadonlyPaths([])).Linux!;
        Assert.Equal(["/proc/x"], linux.MaskedPaths);
        Assert.Empty(linux.ReadonlyPaths!);
    }

    [Fact]
    public void Merge_mount_options_lets_later_options_win()
    {
        Assert.Equal(["nosuid", "rw", "size=2"], SpecSteps.MergeMountOptions(["ro", "nosuid", "size=1"], ["rw", "size=2"]));
        Assert.Equal(["b", "a"], SpecSteps.MergeMountOptions(["a", "b"], ["b", "a"]));
        Assert.Equal(["nodev", "exec"], SpecSteps.MergeMountOptions(["noexec", "nodev"], ["exec"]));
    }
}
