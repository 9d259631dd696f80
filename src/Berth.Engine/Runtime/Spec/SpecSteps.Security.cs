namespace Berth.Engine.Runtime.Spec;

public static partial class SpecSteps
{
    /// <summary>
    /// Docker's --privileged: every capability the kernel has, no seccomp filter, nothing masked or
    /// read-only in /proc and /sys, every device allowed, and the host's device nodes in /dev.
    /// </summary>
    public static SpecStep WithPrivileged() => spec =>
    {
        SetCapabilities(spec, LinuxCapabilities.Host());
        var linux = Linux(spec);
        linux.Seccomp = null;
        (linux.MaskedPaths, linux.ReadonlyPaths) = ([], []);
        foreach (var mount in spec.Mounts ?? [])
            if (mount.Destination is "/sys" or "/sys/fs/cgroup" && mount.Options is not null)
                mount.Options = MergeMountOptions(mount.Options, ["rw"]);
        Resources(spec).Devices = [new OciDeviceRule { Allow = true, Access = "rwm" }];
        var devices = linux.Devices ??= [];
        devices.AddRange(HostDevices.List().Where(d => !devices.Any(e => e.Path == d.Path)));
    };

    /// <summary>Docker's --cap-add (names with or without CAP_, any case, or ALL).</summary>
    public static SpecStep WithCapAdd(IEnumerable<string> caps) => WithCapabilities(caps, []);

    /// <summary>Docker's --cap-drop (names with or without CAP_, any case, or ALL).</summary>
    public static SpecStep WithCapDrop(IEnumerable<string> caps) => WithCapabilities([], caps);

    /// <summary>
    /// --cap-add and --cap-drop together, with Docker's precedence (see <see cref="LinuxCapabilities.Tweak"/>).
    /// Names are validated now; the default seccomp profile is rebuilt for the new set.
    /// </summary>
    public static SpecStep WithCapabilities(IEnumerable<string> add, IEnumerable<string> drop)
    {
        var adds = add.Select(LinuxCapabilities.Normalize).ToList();
        var drops = drop.Select(LinuxCapabilities.Normalize).ToList();
        return spec => SetCapabilities(spec,
            LinuxCapabilities.Tweak(Process(spec).Capabilities?.Bounding ?? [], adds, drops));
    }

    /// <summary>A seccomp profile, or null to run unconfined (--security-opt seccomp=unconfined).</summary>
    public static SpecStep WithSeccomp(OciSeccomp? profile) => spec => Linux(spec).Seccomp = profile;

    public static SpecStep WithSeccompUnconfined() => WithSeccomp(null);

    /// <summary>The default profile for the capabilities the spec holds when this step runs.</summary>
    public static SpecStep WithDefaultSeccomp() => spec =>
        Linux(spec).Seccomp = SeccompProfiles.Default(Process(spec).Capabilities?.Bounding ?? []);

    /// <summary>
    /// Sets bounding, effective and permitted (Docker leaves inheritable and ambient empty). The
    /// default seccomp profile depends on capabilities (CAP_SYS_ADMIN unlocks mount ...), so if the
    /// spec carries it, it is rebuilt; a custom profile is left as the user wrote it.
    /// </summary>
    private static void SetCapabilities(OciSpec spec, IReadOnlyList<string> caps)
    {
        var process = Process(spec);
        var sets = process.Capabilities ??= new OciCapabilities();
        (sets.Bounding, sets.Effective, sets.Permitted) = ([.. caps], [.. caps], [.. caps]);
        if (spec.Linux?.Seccomp is { IsDefaultProfile: true })
            spec.Linux.Seccomp = SeccompProfiles.Default(caps.ToList());
    }
}
