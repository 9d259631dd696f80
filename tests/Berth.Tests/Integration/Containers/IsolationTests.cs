using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Containers;

/// <summary>What a process inside a default (non-privileged) container can see and do.</summary>
public sealed class IsolationTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task The_command_is_pid_1_and_no_host_process_is_visible()
    {
        var ps = Lines(await D.RunAndRemove("busybox", "ps", "-o", "pid,comm"));

        Assert.Equal(["PID", "COMMAND"], ps[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal([["1", "ps"]], ps.Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task The_hostname_is_the_first_12_characters_of_the_id()
    {
        var id = (await D.BerthOk("create", "busybox", "sh", "-c", "hostname; cat /etc/hostname")).Trim();

        var r = await D.Berth("start", "-a", id);

        Assert.Equal($"{id[..12]}\n{id[..12]}\n", r.Stdout);
    }

    [Fact]
    public async Task The_hosts_mounts_are_not_visible()
    {
        // Another container's root filesystem is a mount under the daemon's root on the host.
        await D.BerthOk("run", "-d", "--name", "iso-neighbour", "busybox", "sleep", "60");
        var hostMounts = File.ReadAllLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4]).ToList();
        Assert.Contains(hostMounts, m => m.StartsWith(D.Root + "/", StringComparison.Ordinal));

        var inside = Lines(await D.RunAndRemove("busybox", "cat", "/proc/mounts")).Select(l => l.Split(' ')[1]).ToList();

        Assert.DoesNotContain(inside, m => m.StartsWith("/tmp", StringComparison.Ordinal) || m.StartsWith("/work", StringComparison.Ordinal));
        var kernelTrees = new[] { "/", "/proc", "/sys", "/dev" };
        var hostOnly = hostMounts.Where(m => !kernelTrees.Any(k => m == k || (k != "/" && m.StartsWith(k + "/", StringComparison.Ordinal))));
        Assert.Empty(hostOnly.Intersect(inside));
        Assert.Equal("absent\n", await D.RunAndRemove("busybox", "sh", "-c", $"[ -e {TestPaths.RepoRoot} ] && echo present || echo absent"));
        await D.BerthOk("rm", "-f", "iso-neighbour");
    }

    [Fact]
    public async Task Kernel_files_that_leak_host_information_are_masked()
    {
        var masked = new[] { "/proc/kcore", "/proc/keys", "/proc/timer_list" }.Where(File.Exists).ToList();
        Assert.NotEmpty(masked);
        var script = string.Join("; ", masked.Select(p => $"echo {p} $(stat -c %t:%T {p}) $(head -c 1 {p} | wc -c)"));

        var output = await D.RunAndRemove("busybox", "sh", "-c", script);

        // Each is /dev/null (character device 1:3) bind-mounted over the file: it reads as empty.
        Assert.Equal(string.Concat(masked.Select(p => $"{p} 1:3 0\n")), output);
    }

    [Fact]
    public async Task Proc_sys_is_read_only()
    {
        var r = await D.Berth("run", "--rm", "busybox", "sh", "-c", "echo berth > /proc/sys/kernel/domainname");

        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("Read-only file system", r.Stderr);
        Assert.Contains("proc /proc/sys proc ro,", await D.RunAndRemove("busybox", "cat", "/proc/mounts"));
    }

    [Fact]
    public async Task Capabilities_are_dockers_default_set()
    {
        var status = Lines(await D.RunAndRemove("busybox", "grep", "^Cap", "/proc/1/status"));

        // chown dac_override fowner fsetid kill setgid setuid setpcap net_bind_service net_raw sys_chroot mknod audit_write setfcap
        Assert.Contains("CapEff:\t00000000a80425fb", status);
        Assert.Contains("CapPrm:\t00000000a80425fb", status);
        Assert.Contains("CapBnd:\t00000000a80425fb", status);
    }

    [Fact]
    public async Task Mounting_a_filesystem_is_not_permitted()
    {
        var r = await D.Berth("run", "--rm", "busybox", "sh", "-c", "mkdir -p /mnt/t && mount -t tmpfs none /mnt/t");

        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("permission denied", r.Stderr);
    }

    [Fact]
    public async Task A_non_root_user_gets_no_capabilities()
    {
        var status = Lines(await D.RunAndRemove("-u", "nobody", "busybox", "grep", "^CapEff", "/proc/self/status"));

        Assert.Equal(["CapEff:\t0000000000000000"], status);
    }
}
