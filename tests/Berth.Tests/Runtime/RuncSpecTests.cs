using Berth.Engine.Runtime.Spec;
using Xunit;

namespace Berth.Tests.Runtime;

/// <summary>
/// Runs real containers with runc from specs built by DefaultSpec and SpecSteps, checking that what
/// the spec promises is what a process inside sees. One class, so the containers run one at a time.
/// </summary>
public sealed class RuncSpecTests : IDisposable
{
    private readonly RuncBundle bundle = new();

    public void Dispose() => bundle.Dispose();

    [RuncFact]
    public void Runs_the_command_and_captures_its_output()
    {
        var result = bundle.Run(["echo", "hello", "berth"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("hello berth\n", result.Stdout);
    }

    [RuncFact]
    public void Exit_code_is_the_processes()
    {
        Assert.Equal(7, bundle.Sh("exit 7").ExitCode);
    }

    [RuncFact]
    public void Hostname_is_the_configured_one()
    {
        var result = bundle.Run(["hostname"], SpecSteps.WithHostname("berth-box"));
        Assert.Equal("berth-box\n", result.Stdout);
    }

    [RuncFact]
    public void The_command_is_pid_1()
    {
        var result = bundle.Run(["cat", "/proc/1/cmdline"]);
        Assert.Equal("cat\0/proc/1/cmdline\0", result.Stdout);
    }

    [RuncFact]
    public void User_env_and_cwd_apply()
    {
        var result = bundle.Sh("id; echo $GREETING; pwd",
            SpecSteps.WithUser(1000, 1000, [1001]), SpecSteps.WithEnv(["GREETING=hi"]), SpecSteps.WithCwd("/tmp"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("uid=1000 gid=1000 groups=1001\nhi\n/tmp\n", result.Stdout);
    }

    [RuncFact]
    public void Default_capabilities_are_dockers()
    {
        var result = bundle.Sh("grep -E '^Cap(Eff|Bnd|Inh)' /proc/self/status");
        Assert.Contains("CapEff:\t00000000a80425fb", result.Stdout);
        Assert.Contains("CapBnd:\t00000000a80425fb", result.Stdout);
        Assert.Contains("CapInh:\t0000000000000000", result.Stdout);
    }

    [RuncFact]
    public void Creating_a_network_namespace_is_denied()
    {
        var result = bundle.Run(["unshare", "-n", "true"]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Operation not permitted", result.Stderr);
    }

    [RuncFact]
    public void Mounting_is_denied()
    {
        var result = bundle.Run(["mount", "-t", "tmpfs", "x", "/mnt"]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("permission denied", result.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [RuncFact]
    public void A_filter_without_mount_denies_it_despite_cap_sys_admin()
    {
        // The capability is granted but the filter is the one for default caps: seccomp alone says no.
        var profile = SeccompProfiles.Default(LinuxCapabilities.Default);
        var result = bundle.Run(["mount", "-t", "tmpfs", "x", "/mnt"],
            SpecSteps.WithCapAdd(["SYS_ADMIN"]), SpecSteps.WithSeccomp(profile));
        Assert.NotEqual(0, result.ExitCode);
    }

    [RuncFact]
    public void Forks_pipes_and_threads_work_under_the_filter()
    {
        var result = bundle.Sh("echo piped | cat | cat; (echo sub); sleep 0");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("piped\nsub\n", result.Stdout);
    }

    [RuncFact]
    public void Masked_paths_are_empty()
    {
        // kcore is absent on some kernels (then there is nothing to read either); timer_list has
        // content on every host, so its emptiness shows the mask.
        var result = bundle.Sh("cat /proc/kcore 2>/dev/null | wc -c; wc -c < /proc/timer_list; ls /proc/acpi 2>/dev/null | wc -l");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["0", "0", "0"], result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
    }

    [RuncFact]
    public void Proc_sys_is_read_only()
    {
        var result = bundle.Sh("echo berth > /proc/sys/kernel/domainname");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Read-only file system", result.Stderr);
    }

    [RuncFact]
    public void Sys_is_read_only()
    {
        var result = bundle.Sh("grep ' /sys ' /proc/mounts");
        Assert.Matches(@" /sys sysfs ro[, ]", result.Stdout);
    }

    [RuncFact]
    public void Privileged_can_mount_and_has_every_capability()
    {
        // domainname is per UTS namespace, so writing it through /proc/sys is harmless to the host.
        var result = bundle.Sh("mount -t tmpfs x /mnt && grep ' /mnt ' /proc/mounts && grep CapEff /proc/self/status" +
            " && echo berth > /proc/sys/kernel/domainname && cat /proc/sys/kernel/domainname && wc -c < /proc/timer_list",
            SpecSteps.WithPrivileged());
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("x /mnt tmpfs", result.Stdout);
        Assert.Contains("\nberth\n", result.Stdout);
        Assert.NotEqual("0", result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim());
        var expected = LinuxCapabilities.Host().Aggregate(0UL, (mask, cap) => mask | 1UL << LinuxCapabilities.Known.ToList().IndexOf(cap));
        Assert.Contains($"CapEff:\t{expected:x16}", result.Stdout);
    }

    [RuncFact]
    public void Cap_add_sys_admin_unlocks_mount_through_the_rebuilt_filter()
    {
        var result = bundle.Sh("mount -t tmpfs x /mnt && echo mounted", SpecSteps.WithCapAdd(["sys_admin"]));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("mounted\n", result.Stdout);
    }

    [RuncFact]
    public void Cap_drop_takes_effect()
    {
        var result = bundle.Sh("chown 1:1 /tmp", SpecSteps.WithCapDrop(["ALL"]), SpecSteps.WithUser(0, 0));
        Assert.NotEqual(0, result.ExitCode);
    }

    [RuncFact]
    public void Private_network_has_only_loopback_and_host_network_has_more()
    {
        var own = bundle.Sh("ls /sys/class/net");
        Assert.Equal("lo\n", own.Stdout);
        if (Directory.GetDirectories("/sys/class/net").Length > 1)
            Assert.NotEqual("lo\n", bundle.Sh("ls /sys/class/net", SpecSteps.WithNetworkNamespace("host")).Stdout);
    }

    [RuncFact]
    public void Readonly_rootfs_rejects_writes()
    {
        var result = bundle.Sh("touch /etc/x", SpecSteps.WithReadonlyRootfs());
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Read-only file system", result.Stderr);
    }

    [RuncFact]
    public void Bind_and_tmpfs_mounts_appear()
    {
        var host = Directory.CreateTempSubdirectory("berth-bind-");
        try
        {
            File.WriteAllText(Path.Combine(host.FullName, "f"), "from host");
            var result = bundle.Sh("cat /data/f; echo; touch /data/g || echo ro; grep ' /run ' /proc/mounts",
                SpecSteps.WithBindMount(host.FullName, "/data", readOnly: true), SpecSteps.WithTmpfs("/run", "size=1m"));
            Assert.StartsWith("from host\nro\ntmpfs /run tmpfs rw,nosuid,nodev,noexec", result.Stdout);
            Assert.Contains("size=1024k", result.Stdout);
        }
        finally
        {
            host.Delete(recursive: true);
        }
    }

    [RuncFact]
    public void Shm_size_and_rlimits_apply()
    {
        var result = bundle.Sh("grep ' /dev/shm ' /proc/mounts; ulimit -n",
            SpecSteps.WithShmSize(8 << 20), SpecSteps.WithRlimits([new OciRlimit { Type = "nofile", Soft = 321, Hard = 321 }]));
        Assert.Contains("size=8192k", result.Stdout);
        Assert.EndsWith("321\n", result.Stdout);
    }

    [RuncFact]
    public void Memory_and_pids_limits_reach_the_cgroup()
    {
        var script = HostKernel.IsCgroupV2
            ? "cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/pids.max"
            : "cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/pids/pids.max";
        var result = bundle.Sh(script, SpecSteps.WithResources(memory: 64 << 20, pidsLimit: 50));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal($"{64 << 20}\n50\n", result.Stdout);
    }

    [RuncFact]
    public void Default_devices_exist_and_fuse_does_not()
    {
        var result = bundle.Sh("ls /dev; head -c 4 /dev/zero | wc -c");
        foreach (var dev in new[] { "null", "zero", "full", "random", "urandom", "tty", "ptmx", "pts", "shm", "mqueue" })
            Assert.Contains($"{dev}\n", result.Stdout);
        Assert.DoesNotContain("fuse", result.Stdout);
        Assert.EndsWith("4\n", result.Stdout);
    }
}
