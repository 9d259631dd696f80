using Berth.Engine.Runtime.Spec;
using Xunit;

namespace Berth.Tests.Runtime;

public class DefaultSpecTests
{
    private readonly OciSpec spec = DefaultSpec.Create();

    [Fact]
    public void Process_defaults_match_docker()
    {
        var p = spec.Process!;
        Assert.Equal(OciSpec.Version, spec.OciVersion);
        Assert.Equal((0u, 0u), (p.User.Uid, p.User.Gid));
        Assert.Equal("/", p.Cwd);
        Assert.Equal([DefaultSpec.DefaultPath], p.Env);
        Assert.False(p.NoNewPrivileges);
        Assert.False(p.Terminal);
        Assert.Equal(0, p.OomScoreAdj);
    }

    [Fact]
    public void Capabilities_are_dockers_fourteen_in_three_sets()
    {
        string[] expected =
        [
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
            "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
        ];
        var caps = spec.Process!.Capabilities!;
        Assert.Equal(expected, caps.Bounding);
        Assert.Equal(expected, caps.Effective);
        Assert.Equal(expected, caps.Permitted);
        Assert.Null(caps.Inheritable);
        Assert.Null(caps.Ambient);
    }

    [Fact]
    public void Namespaces_include_cgroup_only_on_cgroup_v2()
    {
        var types = spec.Linux!.Namespaces.Select(n => n.Type).ToList();
        Assert.Equal(["pid", "ipc", "uts", "mount", "network"], types.Take(5));
        Assert.Equal(HostKernel.IsCgroupV2, types.Contains("cgroup"));
        Assert.All(spec.Linux.Namespaces, n => Assert.Null(n.Path));
    }

    [Fact]
    public void Cgroup_v2_detection_agrees_with_the_mount_table()
    {
        var line = File.ReadLines("/proc/self/mountinfo").Select(l => l.Split(' '))
            .Last(f => f[4] == "/sys/fs/cgroup");
        var fsType = line[Array.IndexOf(line, "-") + 1];
        Assert.Equal(fsType == "cgroup2", HostKernel.IsCgroupV2);
    }

    [Fact]
    public void Mounts_are_dockers_in_order()
    {
        var mounts = spec.Mounts!;
        Assert.Equal(["/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm"], mounts.Select(m => m.Destination));
        Assert.Equal(["proc", "tmpfs", "devpts", "sysfs", "cgroup", "mqueue", "tmpfs"], mounts.Select(m => m.Type));
        Assert.Equal(["nosuid", "strictatime", "mode=755", "size=65536k"], mounts[1].Options);
        Assert.Contains("newinstance", mounts[2].Options!);
        Assert.Contains("ptmxmode=0666", mounts[2].Options!);
        Assert.Contains("gid=5", mounts[2].Options!);
        Assert.Contains("ro", mounts[3].Options!);
        Assert.Contains("ro", mounts[4].Options!);
        Assert.Equal("shm", mounts[6].Source);
        Assert.Contains("mode=1777", mounts[6].Options!);
        Assert.Contains("size=65536k", mounts[6].Options!);
    }

    [Fact]
    public void Masked_and_readonly_paths_are_dockers()
    {
        var linux = spec.Linux!;
        foreach (var path in new[] { "/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore", "/proc/keys",
                     "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
                     "/sys/firmware", "/sys/devices/virtual/powercap" })
            Assert.Contains(path, linux.MaskedPaths!);
        Assert.Equal(["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"], linux.ReadonlyPaths);
    }

    [Fact]
    public void Device_cgroup_denies_all_then_allows_the_standard_nodes_and_denies_fuse()
    {
        var rules = spec.Linux!.Resources!.Devices!;
        Assert.False(rules[0].Allow);
        Assert.Equal("rwm", rules[0].Access);
        Assert.Null(rules[0].Type);
        Assert.Null(rules[0].Major);
        foreach (var (major, minor) in new (long, long?)[] { (1, 3), (1, 5), (1, 7), (1, 8), (1, 9), (5, 0), (5, 1), (5, 2), (136, null) })
            Assert.Contains(rules, r => r.Allow && r.Type == "c" && r.Major == major && r.Minor == minor && r.Access == "rwm");
        var last = rules[^1];
        Assert.Equal((false, "c", 10L, 229L), (last.Allow, last.Type, last.Major!.Value, last.Minor!.Value));
    }

    [Fact]
    public void Default_seccomp_is_attached_and_marked_rebuildable()
    {
        var seccomp = spec.Linux!.Seccomp!;
        Assert.True(seccomp.IsDefaultProfile);
        Assert.Equal("SCMP_ACT_ERRNO", seccomp.DefaultAction);
        Assert.Equal(1u, seccomp.DefaultErrnoRet);
    }

    [Fact]
    public void Each_call_returns_an_independent_spec()
    {
        var other = DefaultSpec.Create();
        other.Process!.Capabilities!.Bounding!.Clear();
        other.Mounts!.Clear();
        Assert.NotEmpty(spec.Process!.Capabilities!.Bounding!);
        Assert.NotEmpty(spec.Mounts!);
    }
}
