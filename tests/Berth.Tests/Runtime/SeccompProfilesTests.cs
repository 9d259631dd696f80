using Berth.Engine.Runtime.Spec;
using Xunit;

namespace Berth.Tests.Runtime;

public class SeccompProfilesTests
{
    // Docker's documented list of syscalls a default container cannot make.
    private static readonly string[] Blocked =
    [
        "acct", "add_key", "bpf", "clock_adjtime", "clock_settime", "create_module", "delete_module", "finit_module",
        "get_kernel_syms", "get_mempolicy", "init_module", "ioperm", "iopl", "kcmp", "kexec_file_load", "kexec_load",
        "keyctl", "lookup_dcookie", "mbind", "mount", "move_pages", "name_to_handle_at", "nfsservctl", "open_by_handle_at",
        "perf_event_open", "pivot_root", "process_vm_readv", "process_vm_writev", "ptrace", "query_module", "quotactl",
        "reboot", "request_key", "set_mempolicy", "setns", "settimeofday", "stime", "swapon", "swapoff", "sysfs", "_sysctl",
        "umount", "umount2", "unshare", "uselib", "userfaultfd", "ustat", "vm86", "vm86old",
    ];

    private static OciSeccomp DefaultProfile() => SeccompProfiles.Default(LinuxCapabilities.Default);

    private static bool Allows(OciSeccomp profile, string name) =>
        profile.Syscalls!.Any(s => s.Action == "SCMP_ACT_ALLOW" && s.Args is null && s.Names.Contains(name));

    [Fact]
    public void Template_loads_and_every_rule_is_well_formed()
    {
        var template = SeccompProfiles.Load();
        Assert.NotEmpty(template.Rules);
        Assert.All(template.Rules, r =>
        {
            Assert.NotEmpty(r.Names);
            Assert.StartsWith("SCMP_ACT_", r.Action);
            Assert.All(r.IncludesCaps ?? [], c => Assert.Contains(c, LinuxCapabilities.Known));
            Assert.All(r.ExcludesCaps ?? [], c => Assert.Contains(c, LinuxCapabilities.Known));
        });
    }

    [Fact]
    public void Default_denies_with_eperm_for_the_host_architectures()
    {
        var profile = DefaultProfile();
        Assert.Equal(("SCMP_ACT_ERRNO", 1u), (profile.DefaultAction, profile.DefaultErrnoRet));
        if (HostKernel.Architecture == "amd64")
            Assert.Equal(["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"], profile.Architectures);
        var arm = SeccompProfiles.Resolve(SeccompProfiles.Load(), LinuxCapabilities.Default, "arm64");
        Assert.Equal(["SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"], arm.Architectures);
        Assert.Contains(arm.Syscalls!, s => s.Names.Contains("set_tls"));
        Assert.DoesNotContain(arm.Syscalls!, s => s.Names.Contains("arch_prctl"));
    }

    [Fact]
    public void Default_allows_ordinary_syscalls()
    {
        var profile = DefaultProfile();
        foreach (var name in new[] { "read", "write", "openat", "execve", "mmap", "futex", "socket", "epoll_wait", "wait4", "chroot", "exit_group" })
            Assert.True(Allows(profile, name), name);
        if (HostKernel.Architecture == "amd64")
            Assert.True(Allows(profile, "arch_prctl"));
    }

    [Fact]
    public void Default_blocks_dockers_list()
    {
        var profile = DefaultProfile();
        foreach (var name in Blocked)
            Assert.False(profile.Syscalls!.Any(s => s.Action == "SCMP_ACT_ALLOW" && s.Names.Contains(name)), name);
    }

    [Fact]
    public void Clone_is_allowed_only_without_namespace_flags_and_clone3_gets_enosys()
    {
        var profile = DefaultProfile();
        var clone = Assert.Single(profile.Syscalls!, s => s.Names.Contains("clone"));
        var arg = Assert.Single(clone.Args!);
        Assert.Equal((0u, 0x7E020000ul, 0ul, "SCMP_CMP_MASKED_EQ"), (arg.Index, arg.Value, arg.ValueTwo, arg.Op));
        var clone3 = Assert.Single(profile.Syscalls!, s => s.Names.Contains("clone3"));
        Assert.Equal(("SCMP_ACT_ERRNO", 38u), (clone3.Action, clone3.ErrnoRet));
    }

    [Fact]
    public void Personality_is_limited_to_dockers_values()
    {
        var values = DefaultProfile().Syscalls!.Where(s => s.Names.Contains("personality"))
            .Select(s => Assert.Single(s.Args!)).Select(a => a.Value).ToList();
        Assert.Equal([0ul, 8ul, 0x20000ul, 0x20008ul, 0xFFFFFFFFul], values);
    }

    [Theory]
    [InlineData("CAP_SYS_ADMIN", new[] { "mount", "umount2", "unshare", "setns", "sethostname", "bpf", "clone3" })]
    [InlineData("CAP_SYS_PTRACE", new[] { "ptrace", "process_vm_readv", "process_vm_writev", "kcmp" })]
    [InlineData("CAP_SYS_TIME", new[] { "settimeofday", "clock_settime", "clock_adjtime" })]
    [InlineData("CAP_SYS_MODULE", new[] { "init_module", "finit_module", "delete_module" })]
    [InlineData("CAP_SYS_BOOT", new[] { "reboot" })]
    [InlineData("CAP_SYS_NICE", new[] { "mbind", "set_mempolicy", "get_mempolicy" })]
    [InlineData("CAP_SYSLOG", new[] { "syslog" })]
    [InlineData("CAP_BPF", new[] { "bpf" })]
    [InlineData("CAP_SYS_RAWIO", new[] { "iopl", "ioperm" })]
    [InlineData("CAP_SYS_PACCT", new[] { "acct" })]
    [InlineData("CAP_DAC_READ_SEARCH", new[] { "open_by_handle_at" })]
    public void Capabilities_unlock_their_syscalls(string cap, string[] names)
    {
        var profile = SeccompProfiles.Default([.. LinuxCapabilities.Default, cap]);
        foreach (var name in names)
            Assert.True(Allows(profile, name), $"{cap} should allow {name}");
    }

    [Fact]
    public void Sys_admin_lifts_the_clone_restriction()
    {
        var profile = SeccompProfiles.Default(["sys_admin"]);
        Assert.True(Allows(profile, "clone"));
        Assert.DoesNotContain(profile.Syscalls!, s => s.Names.Contains("clone") && s.Args is not null);
        Assert.DoesNotContain(profile.Syscalls!, s => s.Action == "SCMP_ACT_ERRNO");
    }

    [Fact]
    public void Each_call_returns_a_fresh_profile()
    {
        var a = DefaultProfile();
        a.Syscalls!.Clear();
        Assert.NotEmpty(DefaultProfile().Syscalls!);
    }
}
