using Berth.Engine.Errors;
using Berth.Engine.Runtime.Spec;
using Xunit;

namespace Berth.Tests.Runtime;

public class SpecStepsSecurityTests
{
    private static List<string> Caps(OciSpec spec) => spec.Process!.Capabilities!.Bounding!;

    [Fact]
    public void Cap_add_accepts_docker_syntax()
    {
        var spec = SpecSteps.Build(SpecSteps.WithCapAdd(["net_admin", "CAP_SYS_TIME", "Sys_Ptrace", "chown"]));
        var caps = spec.Process!.Capabilities!;
        Assert.Equal(LinuxCapabilities.Default.Concat(["CAP_NET_ADMIN", "CAP_SYS_TIME", "CAP_SYS_PTRACE"]), caps.Bounding);
        Assert.Equal(caps.Bounding, caps.Effective);
        Assert.Equal(caps.Bounding, caps.Permitted);
        Assert.Throws<BerthException>(() => SpecSteps.WithCapAdd(["NOT_A_CAP"]));
    }

    [Fact]
    public void Cap_drop_removes_and_all_empties()
    {
        var caps = Caps(SpecSteps.Build(SpecSteps.WithCapDrop(["mknod", "CAP_NET_RAW"])));
        Assert.DoesNotContain("CAP_MKNOD", caps);
        Assert.DoesNotContain("CAP_NET_RAW", caps);
        Assert.Equal(12, caps.Count);
        Assert.Empty(Caps(SpecSteps.Build(SpecSteps.WithCapDrop(["ALL"]))));
    }

    [Fact]
    public void Combined_add_and_drop_follow_dockers_precedence()
    {
        Assert.Equal(["CAP_CHOWN"], Caps(SpecSteps.Build(SpecSteps.WithCapabilities(["chown"], ["all"]))));
        var all = Caps(SpecSteps.Build(SpecSteps.WithCapabilities(["ALL"], ["SYS_ADMIN"])));
        Assert.Equal(LinuxCapabilities.Host().Count - 1, all.Count);
        Assert.DoesNotContain("CAP_SYS_ADMIN", all);
        Assert.Equal(LinuxCapabilities.Host(), Caps(SpecSteps.Build(SpecSteps.WithCapabilities(["ALL"], ["ALL"]))));
    }

    [Fact]
    public void Host_capabilities_are_those_the_kernel_knows_and_the_engine_holds()
    {
        var last = int.Parse(File.ReadAllText("/proc/sys/kernel/cap_last_cap").Trim());
        var bounding = Convert.ToUInt64(File.ReadLines("/proc/self/status").Single(l => l.StartsWith("CapBnd:"))[7..].Trim(), 16);
        var expected = Enumerable.Range(0, Math.Min(last + 1, LinuxCapabilities.Known.Count))
            .Where(n => (bounding & (1UL << n)) != 0).Select(n => LinuxCapabilities.Known[n]);
        Assert.Equal(expected, LinuxCapabilities.Host());
    }

    [Fact]
    public void Capability_changes_rebuild_the_default_seccomp_profile()
    {
        var spec = SpecSteps.Build(SpecSteps.WithCapAdd(["SYS_ADMIN"]));
        Assert.Contains(spec.Linux!.Seccomp!.Syscalls!, s => s.Names.Contains("mount") && s.Action == "SCMP_ACT_ALLOW");
        Assert.True(spec.Linux.Seccomp.IsDefaultProfile);
    }

    [Fact]
    public void Capability_changes_keep_a_custom_seccomp_profile()
    {
        var custom = new OciSeccomp { DefaultAction = "SCMP_ACT_ALLOW" };
        var spec = SpecSteps.Build(SpecSteps.WithSeccomp(custom), SpecSteps.WithCapAdd(["SYS_ADMIN"]));
        Assert.Same(custom, spec.Linux!.Seccomp);
    }

    [Fact]
    public void Seccomp_unconfined_and_default()
    {
        Assert.Null(SpecSteps.Build(SpecSteps.WithSeccompUnconfined()).Linux!.Seccomp);
        var spec = SpecSteps.Build(SpecSteps.WithSeccompUnconfined(), SpecSteps.WithCapAdd(["SYS_PTRACE"]), SpecSteps.WithDefaultSeccomp());
        Assert.Contains(spec.Linux!.Seccomp!.Syscalls!, s => s.Names.Contains("ptrace"));
    }

    [Fact]
    public void Privileged_lifts_every_restriction()
    {
        var spec = SpecSteps.Build(SpecSteps.WithPrivileged());
        var linux = spec.Linux!;
        Assert.Equal(LinuxCapabilities.Host(), Caps(spec));
        Assert.Contains("CAP_SYS_ADMIN", Caps(spec));
        Assert.Null(linux.Seccomp);
        Assert.Empty(linux.MaskedPaths!);
        Assert.Empty(linux.ReadonlyPaths!);
        var rule = Assert.Single(linux.Resources!.Devices!);
        Assert.Equal((true, "rwm"), (rule.Allow, rule.Access));
        Assert.Null(rule.Type);
        foreach (var dest in new[] { "/sys", "/sys/fs/cgroup" })
        {
            var options = spec.Mounts!.Single(m => m.Destination == dest).Options!;
            Assert.DoesNotContain("ro", options);
            Assert.Contains("rw", options);
        }
    }

    [Fact]
    public void Privileged_adds_the_hosts_devices()
    {
        var devices = SpecSteps.Build(SpecSteps.WithPrivileged()).Linux!.Devices!;
        var nul = Assert.Single(devices, d => d.Path == "/dev/null");
        Assert.Equal(("c", 1L, 3L), (nul.Type, nul.Major, nul.Minor));
        Assert.Equal(0x1B6u, nul.FileMode); // 0666
        Assert.DoesNotContain(devices, d => d.Path == "/dev/console" || d.Path.StartsWith("/dev/pts/"));
        Assert.Equal(devices.Count, devices.Select(d => d.Path).Distinct().Count());
    }
}
