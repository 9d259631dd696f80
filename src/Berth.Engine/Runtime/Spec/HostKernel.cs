using System.Runtime.InteropServices;
using Berth.Engine.Native;

namespace Berth.Engine.Runtime.Spec;

/// <summary>
/// Facts about the host kernel that change what a correct spec looks like. Each is probed once:
/// they cannot change while the engine runs.
/// </summary>
internal static class HostKernel
{
    private static readonly Lazy<bool> cgroupV2 = new(() =>
    {
        try { return Libc.FileSystemType("/sys/fs/cgroup") == Libc.Cgroup2SuperMagic; }
        catch (IOException) { return false; }
    });

    private static readonly Lazy<int> capLastCap = new(() =>
    {
        try { return int.Parse(File.ReadAllText("/proc/sys/kernel/cap_last_cap").Trim()); }
        // Kernels before 3.2 lack the file; CAP_AUDIT_READ (37) is a safe floor for anything newer.
        catch (Exception e) when (e is IOException or FormatException) { return LinuxCapabilities.AuditRead; }
    });

    private static readonly Lazy<bool> swapLimit = new(ProbeSwapLimit);

    private static readonly Lazy<ulong> boundingSet = new(() =>
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("CapBnd:", StringComparison.Ordinal));
            return line is null ? ulong.MaxValue : Convert.ToUInt64(line["CapBnd:".Length..].Trim(), 16);
        }
        catch (Exception e) when (e is IOException or FormatException) { return ulong.MaxValue; }
    });

    /// <summary>True on a unified (cgroup v2) host, where containers get a private cgroup namespace.</summary>
    public static bool IsCgroupV2 => cgroupV2.Value;

    /// <summary>The highest capability number the running kernel knows.</summary>
    public static int CapLastCap => capLastCap.Value;

    /// <summary>
    /// The engine's own capability bounding set (bit n = capability n). Inside a restricted sandbox it
    /// lacks some capabilities, and runc cannot grant a container what its parent cannot hold.
    /// </summary>
    public static ulong BoundingSet => boundingSet.Value;

    /// <summary>
    /// Whether memory+swap limits can be set. runc fails to start a container whose spec sets swap on a
    /// kernel without swap accounting, so Docker drops the setting there; so do we.
    /// </summary>
    public static bool SupportsSwapLimit => swapLimit.Value;

    /// <summary>The host architecture in Go's spelling (amd64, arm64 ...), as seccomp profiles name it.</summary>
    public static string Architecture => RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.X86 => "386",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        System.Runtime.InteropServices.Architecture.S390x => "s390x",
        System.Runtime.InteropServices.Architecture.Ppc64le => "ppc64le",
        System.Runtime.InteropServices.Architecture.RiscV64 => "riscv64",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static bool ProbeSwapLimit()
    {
        if (!IsCgroupV2)
            return File.Exists("/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes");
        // The root cgroup has no memory.swap.max; any child with the memory controller does.
        try
        {
            return Directory.EnumerateDirectories("/sys/fs/cgroup")
                .Any(dir => File.Exists(Path.Combine(dir, "memory.swap.max")));
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
