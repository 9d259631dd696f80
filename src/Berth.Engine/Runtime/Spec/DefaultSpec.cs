namespace Berth.Engine.Runtime.Spec;

/// <summary>
/// The starting point of every container's config.json: Docker's defaults for a non-privileged
/// container. Everything container-specific is applied afterwards by <see cref="SpecSteps"/>.
/// </summary>
public static class DefaultSpec
{
    public const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>Kernel files that leak host information or allow host-wide actions; hidden from containers.</summary>
    public static IReadOnlyList<string> MaskedPaths { get; } =
    [
        "/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
        "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
        "/sys/devices/virtual/powercap",
    ];

    /// <summary>Kernel trees containers may read but must not change (host-wide tunables).</summary>
    public static IReadOnlyList<string> ReadonlyPaths { get; } =
        ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    // The CPU list cannot change while the engine runs; enumerate sysfs once.
    private static readonly Lazy<List<string>> thermalThrottlePaths = new(ThermalThrottlePaths);

    public static OciSpec Create() => new()
    {
        Process = new OciProcess
        {
            User = new OciUser { Uid = 0, Gid = 0 },
            Env = [DefaultPath],
            Cwd = "/",
            Capabilities = new OciCapabilities
            {
                Bounding = [.. LinuxCapabilities.Default],
                Effective = [.. LinuxCapabilities.Default],
                Permitted = [.. LinuxCapabilities.Default],
            },
            NoNewPrivileges = false,
            OomScoreAdj = 0,
        },
        Root = new OciRoot { Path = "rootfs", Readonly = false },
        Mounts = DefaultMounts(),
        Linux = new OciLinux
        {
            Namespaces = DefaultNamespaces(),
            Resources = new OciResources { Devices = DefaultDeviceRules() },
            Seccomp = SeccompProfiles.Default(LinuxCapabilities.Default),
            MaskedPaths = [.. MaskedPaths, .. thermalThrottlePaths.Value],
            ReadonlyPaths = [.. ReadonlyPaths],
        },
    };

    private static List<OciNamespace> DefaultNamespaces()
    {
        List<OciNamespace> namespaces = [new() { Type = "pid" }, new() { Type = "ipc" }, new() { Type = "uts" },
            new() { Type = "mount" }, new() { Type = "network" }];
        // On cgroup v1 a cgroup namespace would hide nothing useful and Docker keeps the host's;
        // on v2 a private one makes /sys/fs/cgroup show the container's own subtree.
        if (HostKernel.IsCgroupV2)
            namespaces.Add(new OciNamespace { Type = "cgroup" });
        return namespaces;
    }

    private static List<OciMount> DefaultMounts() =>
    [
        new() { Destination = "/proc", Type = "proc", Source = "proc", Options = ["nosuid", "noexec", "nodev"] },
        new() { Destination = "/dev", Type = "tmpfs", Source = "tmpfs", Options = ["nosuid", "strictatime", "mode=755", "size=65536k"] },
        new() { Destination = "/dev/pts", Type = "devpts", Source = "devpts",
            Options = ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"] },
        new() { Destination = "/sys", Type = "sysfs", Source = "sysfs", Options = ["nosuid", "noexec", "nodev", "ro"] },
        new() { Destination = "/sys/fs/cgroup", Type = "cgroup", Source = "cgroup", Options = ["ro", "nosuid", "noexec", "nodev", "relatime"] },
        new() { Destination = "/dev/mqueue", Type = "mqueue", Source = "mqueue", Options = ["nosuid", "noexec", "nodev"] },
        new() { Destination = "/dev/shm", Type = "tmpfs", Source = "shm", Options = ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"] },
    ];

    /// <summary>
    /// Deny everything, then allow the nodes every container has: Docker's list (zero, null, urandom,
    /// random, tty, console, with /dev/fuse denied explicitly) plus full, ptmx and the pts slaves,
    /// which runc appends on its own; listing them keeps the spec right for runtimes that do not.
    /// </summary>
    internal static List<OciDeviceRule> DefaultDeviceRules() =>
    [
        new() { Allow = false, Access = "rwm" },
        Char(1, 5), Char(1, 3), Char(1, 9), Char(1, 8), Char(5, 0), Char(5, 1), Char(1, 7), Char(5, 2), Char(136, null),
        new() { Allow = false, Type = "c", Major = 10, Minor = 229, Access = "rwm" },
    ];

    private static OciDeviceRule Char(long major, long? minor) =>
        new() { Allow = true, Type = "c", Major = major, Minor = minor, Access = "rwm" };

    /// <summary>Per-CPU thermal throttle counters leak host activity (Docker masks them since 2025).</summary>
    private static List<string> ThermalThrottlePaths()
    {
        try
        {
            return Directory.EnumerateDirectories("/sys/devices/system/cpu", "cpu*")
                .Select(cpu => Path.Combine(cpu, "thermal_throttle"))
                .Where(Directory.Exists)
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }
}
