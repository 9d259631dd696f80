using Berth.Engine.Errors;

namespace Berth.Engine.Runtime.Spec;

public static partial class SpecSteps
{
    private static readonly HashSet<string> Propagations =
        ["private", "rprivate", "shared", "rshared", "slave", "rslave"];

    // Options that cancel each other; a user's choice replaces the default's opposite.
    private static readonly Dictionary<string, string> OppositeFlags = new()
    {
        ["exec"] = "noexec", ["noexec"] = "exec", ["suid"] = "nosuid", ["nosuid"] = "suid",
        ["dev"] = "nodev", ["nodev"] = "dev", ["ro"] = "rw", ["rw"] = "ro",
    };

    /// <summary>
    /// A bind mount (recursive, like Docker's). It replaces any mount at the same destination. Shared
    /// or slave propagation needs the rootfs mount to propagate too, so that is raised to match.
    /// </summary>
    public static SpecStep WithBindMount(string source, string destination, bool readOnly = false, string propagation = "rprivate")
    {
        var dest = MountDestination(destination);
        if (!Propagations.Contains(propagation))
            throw BerthException.Invalid($"invalid propagation mode: {propagation}");
        return spec =>
        {
            ReplaceMount(spec, new OciMount { Destination = dest, Type = "bind", Source = source, Options = ["rbind", readOnly ? "ro" : "rw", propagation] });
            RaiseRootfsPropagation(spec, propagation);
        };
    }

    /// <summary>
    /// A tmpfs at <paramref name="destination"/> with Docker's defaults (noexec, nosuid, nodev) merged
    /// with <paramref name="options"/> in Docker's --tmpfs syntax ("rw,exec,size=64m").
    /// </summary>
    public static SpecStep WithTmpfs(string destination, string? options = null)
    {
        var dest = MountDestination(destination);
        var merged = MergeMountOptions(["noexec", "nosuid", "nodev"], (options ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return spec => ReplaceMount(spec, new OciMount { Destination = dest, Type = "tmpfs", Source = "tmpfs", Options = merged });
    }

    /// <summary>Size of the container's /dev/shm tmpfs in bytes (Docker's --shm-size).</summary>
    public static SpecStep WithShmSize(long bytes)
    {
        if (bytes <= 0)
            throw BerthException.Invalid("SHM size can not be less than 0");
        return spec =>
        {
            var shm = spec.Mounts?.Find(m => m.Destination == "/dev/shm" && m.Type == "tmpfs");
            if (shm is not null)
                shm.Options = MergeMountOptions(shm.Options ?? [], [$"size={bytes}"]);
        };
    }

    public static SpecStep WithMaskedPaths(IEnumerable<string> paths)
    {
        var list = paths.ToList();
        return spec => Linux(spec).MaskedPaths = [.. list];
    }

    public static SpecStep WithReadonlyPaths(IEnumerable<string> paths)
    {
        var list = paths.ToList();
        return spec => Linux(spec).ReadonlyPaths = [.. list];
    }

    /// <summary>Puts <paramref name="mount"/> where a mount at the same destination was, or appends it.</summary>
    internal static void ReplaceMount(OciSpec spec, OciMount mount)
    {
        var mounts = spec.Mounts ??= [];
        var at = mounts.FindIndex(m => m.Destination == mount.Destination);
        if (at >= 0)
            mounts[at] = mount;
        else
            mounts.Add(mount);
    }

    /// <summary>
    /// Later options win: a flag drops its opposite, key=value replaces the same key; order is kept so
    /// runc applies them as written.
    /// </summary>
    internal static List<string> MergeMountOptions(IEnumerable<string> defaults, IEnumerable<string> overrides)
    {
        var result = defaults.ToList();
        foreach (var option in overrides)
        {
            var key = option.Split('=', 2)[0];
            result.RemoveAll(o => o == option || (option.Contains('=') && o.StartsWith(key + "=", StringComparison.Ordinal))
                || (OppositeFlags.TryGetValue(option, out var opposite) && o == opposite));
            result.Add(option);
        }
        return result;
    }

    private static string MountDestination(string destination)
    {
        if (!destination.StartsWith('/'))
            throw BerthException.Invalid($"invalid mount config: mount path must be absolute: {destination}");
        var trimmed = destination.TrimEnd('/');
        return trimmed.Length == 0 ? "/" : trimmed;
    }

    private static void RaiseRootfsPropagation(OciSpec spec, string propagation)
    {
        var linux = Linux(spec);
        if (propagation is "shared" or "rshared")
            linux.RootfsPropagation = "rshared";
        else if (propagation is "slave" or "rslave" && linux.RootfsPropagation != "rshared")
            linux.RootfsPropagation = "rslave";
    }
}
