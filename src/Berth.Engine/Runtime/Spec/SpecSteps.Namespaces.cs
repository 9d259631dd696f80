using Berth.Engine.Errors;

namespace Berth.Engine.Runtime.Spec;

public static partial class SpecSteps
{
    /// <summary>
    /// Docker's network modes: "host" shares the host's stack (no network namespace); "none",
    /// "private" and "bridge" get a new, empty one (the bridge is wired later by the network code);
    /// "path" joins the namespace at <paramref name="path"/> (a container's or a pre-made netns).
    /// </summary>
    public static SpecStep WithNetworkNamespace(string mode, string? path = null) => mode switch
    {
        "host" => spec => RemoveNamespace(spec, "network"),
        "none" or "private" or "bridge" or "" => spec => SetNamespace(spec, "network", null),
        "path" when !string.IsNullOrEmpty(path) => spec => SetNamespace(spec, "network", path),
        "path" => throw BerthException.Invalid("network mode \"path\" needs a namespace path"),
        _ => throw BerthException.Invalid($"invalid network mode: {mode}"),
    };

    /// <summary>
    /// Shares the host's namespaces of the given types (ipc, pid, uts, network, cgroup) instead of new
    /// ones, with what each implies: no hostname of its own for uts (runc refuses to set one), and the
    /// host's /dev/shm and /dev/mqueue for ipc so the shared IPC objects are really shared.
    /// </summary>
    public static SpecStep WithHostNamespaces(params string[] types)
    {
        var normalized = types.Select(NamespaceType).ToList();
        return spec =>
        {
            foreach (var type in normalized)
            {
                RemoveNamespace(spec, type);
                if (type == "uts")
                    (spec.Hostname, spec.Domainname) = (null, null);
                if (type == "ipc")
                    ShareHostIpcMounts(spec);
            }
        };
    }

    /// <summary>Joins an existing namespace, e.g. another container's (Docker's "container:ID" modes).</summary>
    public static SpecStep WithJoinNamespace(string type, string path)
    {
        var normalized = NamespaceType(type);
        if (string.IsNullOrEmpty(path))
            throw BerthException.Invalid($"joining a {normalized} namespace needs a path");
        return spec => SetNamespace(spec, normalized, path);
    }

    private static string NamespaceType(string type) => type switch
    {
        "net" or "network" => "network",
        "mnt" or "mount" => "mount",
        "ipc" or "pid" or "uts" or "cgroup" or "user" => type,
        _ => throw BerthException.Invalid($"unknown namespace type: {type}"),
    };

    private static void RemoveNamespace(OciSpec spec, string type) =>
        Linux(spec).Namespaces.RemoveAll(n => n.Type == type);

    private static void SetNamespace(OciSpec spec, string type, string? path)
    {
        var namespaces = Linux(spec).Namespaces;
        var existing = namespaces.Find(n => n.Type == type);
        if (existing is null)
            namespaces.Add(new OciNamespace { Type = type, Path = path });
        else
            existing.Path = path;
    }

    private static void ShareHostIpcMounts(OciSpec spec)
    {
        ReplaceMount(spec, new OciMount { Destination = "/dev/shm", Type = "bind", Source = "/dev/shm", Options = ["rbind", "nosuid", "noexec", "nodev"] });
        ReplaceMount(spec, new OciMount { Destination = "/dev/mqueue", Type = "bind", Source = "/dev/mqueue", Options = ["rbind", "nosuid", "noexec", "nodev"] });
    }
}
