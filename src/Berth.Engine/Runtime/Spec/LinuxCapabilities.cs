using Berth.Engine.Errors;

namespace Berth.Engine.Runtime.Spec;

/// <summary>Linux capability names by number, Docker's default set, and Docker's name syntax.</summary>
public static class LinuxCapabilities
{
    internal const int AuditRead = 37;

    /// <summary>Every capability name, indexed by its number (include/uapi/linux/capability.h).</summary>
    public static IReadOnlyList<string> Known { get; } =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID",
        "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
        "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK",
        "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
        "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE",
        "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE",
        "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
        "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
        "CAP_CHECKPOINT_RESTORE",
    ];

    /// <summary>What Docker grants a non-privileged container, in Docker's order.</summary>
    public static IReadOnlyList<string> Default { get; } =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
        "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    /// <summary>
    /// Every capability the running kernel supports (0..cap_last_cap) that has a name and that the
    /// engine itself may hold (its bounding set): what a privileged container gets. Asking runc for
    /// more fails the start ("unable to apply caps"), as containerd learnt for nested setups.
    /// </summary>
    public static IReadOnlyList<string> Host() =>
        Known.Take(Math.Min(HostKernel.CapLastCap + 1, Known.Count))
            .Where((_, number) => (HostKernel.BoundingSet & (1UL << number)) != 0)
            .ToList();

    /// <summary>
    /// Docker's syntax: case-insensitive, with or without the CAP_ prefix; "ALL" is kept as is.
    /// Unknown names are rejected with Docker's message.
    /// </summary>
    public static string Normalize(string name)
    {
        var upper = name.Trim().ToUpperInvariant();
        if (upper == "ALL")
            return upper;
        var full = upper.StartsWith("CAP_", StringComparison.Ordinal) ? upper : "CAP_" + upper;
        if (!Known.Contains(full))
            throw BerthException.Invalid($"unknown capability: \"{full}\"");
        return full;
    }

    /// <summary>
    /// Docker's TweakCapabilities: "ALL" in adds means every host capability except the drops (and wins
    /// over "ALL" in drops); "ALL" in drops keeps only the adds; otherwise basics minus drops plus adds.
    /// Order is kept, duplicates removed.
    /// </summary>
    public static List<string> Tweak(IEnumerable<string> basics, IEnumerable<string> adds, IEnumerable<string> drops)
    {
        var add = adds.Select(Normalize).ToList();
        var drop = drops.Select(Normalize).ToList();
        IEnumerable<string> result;
        if (add.Contains("ALL"))
            result = Host().Where(c => !drop.Contains(c));
        else if (drop.Contains("ALL"))
            result = add;
        else
            result = basics.Select(Normalize).Where(c => !drop.Contains(c)).Concat(add);
        return result.Distinct().ToList();
    }
}
