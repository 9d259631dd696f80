using Berth.Engine.Runtime;
using Berth.Engine.Runtime.Spec;
using Berth.Engine.Users;

namespace Berth.Engine.Containers;

/// <summary>
/// Builds a container's config.json: Docker's default spec, then one small step per option the
/// container was created with. Each step is tested on its own in Runtime/Spec.
/// </summary>
public static class ContainerSpecFactory
{
    public static OciSpec Build(Container c, ContainerPaths paths, ExecUser user, string cgroupParent, NetworkJoin? join = null)
    {
        join ??= c.HostConfig.NetworkMode == "host" ? NetworkJoin.Host : NetworkJoin.New;
        var files = join.FilesOf ?? paths;
        var host = c.HostConfig;
        var steps = new List<SpecStep>
        {
            SpecSteps.WithRootfs(paths.Rootfs, host.ReadonlyRootfs),
            SpecSteps.WithArgs([c.Path, .. c.Args]),
            SpecSteps.WithEnv(WithHome(ContainerConfigMerger.MergeEnv(DaemonEnv(c), c.Config.Env), user)),
            SpecSteps.WithCwd(string.IsNullOrEmpty(c.Config.WorkingDir) ? "/" : c.Config.WorkingDir),
            SpecSteps.WithUser(user.Uid, user.Gid, user.AdditionalGids),
            SpecSteps.WithTerminal(c.Config.Tty),
            SpecSteps.WithCgroupsPath($"{cgroupParent.TrimEnd('/')}/{c.Id}"),
            SpecSteps.WithNetworkNamespace(join.Mode, join.NamespacePath),
        };
        if (join.Mode != "host" && host.UTSMode != "host") steps.Add(SpecSteps.WithHostname(c.Config.Hostname));
        // The size the client had at create (HostConfig.ConsoleSize = [height, width]), so the first
        // thing the process sees is right even before the client's resize arrives.
        if (c.Config.Tty && host.ConsoleSize is [> 0 and var h, > 0 and var w])
            steps.Add(spec => (spec.Process ??= new OciProcess()).ConsoleSize = new OciBox { Height = (uint)h, Width = (uint)w });
        if (!string.IsNullOrEmpty(c.Config.Domainname)) steps.Add(SpecSteps.WithDomainname(c.Config.Domainname));
        var hostNamespaces = new List<string>();
        if (host.IpcMode == "host") hostNamespaces.Add("ipc");
        if (host.PidMode == "host") hostNamespaces.Add("pid");
        if (host.UTSMode == "host") hostNamespaces.Add("uts");
        if (hostNamespaces.Count > 0) steps.Add(SpecSteps.WithHostNamespaces([.. hostNamespaces]));
        if (host.Privileged) steps.Add(SpecSteps.WithPrivileged());
        if (host.CapAdd is { Count: > 0 } || host.CapDrop is { Count: > 0 })
            steps.Add(SpecSteps.WithCapabilities(host.CapAdd ?? [], host.CapDrop ?? []));
        if (host.SecurityOpt?.Contains("seccomp=unconfined") == true || host.SecurityOpt?.Contains("seccomp:unconfined") == true)
            steps.Add(SpecSteps.WithSeccompUnconfined());
        if (host.SecurityOpt?.Contains("no-new-privileges") == true || host.SecurityOpt?.Contains("no-new-privileges:true") == true)
            steps.Add(SpecSteps.WithNoNewPrivileges());
        if (host.ShmSize > 0) steps.Add(SpecSteps.WithShmSize(host.ShmSize));
        if (host.MaskedPaths is not null) steps.Add(SpecSteps.WithMaskedPaths(host.MaskedPaths));
        if (host.ReadonlyPaths is not null) steps.Add(SpecSteps.WithReadonlyPaths(host.ReadonlyPaths));
        if (host.OomScoreAdj != 0) steps.Add(SpecSteps.WithOomScoreAdj(host.OomScoreAdj));
        if (host.Sysctls is { Count: > 0 }) steps.Add(SpecSteps.WithSysctls(host.Sysctls));
        steps.Add(SpecSteps.WithResources(host.Memory, host.MemorySwap, host.MemoryReservation, host.CpuShares,
            host.CpuQuota, host.CpuPeriod, host.NanoCpus, host.CpusetCpus, host.CpusetMems, host.PidsLimit, host.BlkioWeight));
        foreach (var (destination, options) in host.Tmpfs ?? []) steps.Add(SpecSteps.WithTmpfs(destination, options));
        // Docker's per-container files, bind-mounted over the image's.
        steps.Add(SpecSteps.WithBindMount(files.HostnameFile, "/etc/hostname"));
        steps.Add(SpecSteps.WithBindMount(files.HostsFile, "/etc/hosts"));
        steps.Add(SpecSteps.WithBindMount(files.ResolvConfFile, "/etc/resolv.conf"));
        foreach (var bind in host.Binds ?? []) steps.Add(BindStep(bind));
        return SpecSteps.Build([.. steps]);
    }

    /// <summary>
    /// Docker's CreateDaemonEnvironment: HOSTNAME, and TERM=xterm with a TTY, under the container's
    /// own Env (which may override them).
    /// </summary>
    private static List<string> DaemonEnv(Container c) =>
        c.Config.Tty ? ["HOSTNAME=" + c.Config.Hostname, "TERM=xterm"] : ["HOSTNAME=" + c.Config.Hostname];

    /// <summary>HOME comes from the user's passwd entry unless the container sets it (Docker).</summary>
    private static List<string> WithHome(List<string>? env, ExecUser user)
    {
        var result = ContainerConfigMerger.MergeEnv(null, env);
        if (!result.Any(e => e.StartsWith("HOME=", StringComparison.Ordinal))) result.Add("HOME=" + (user.Home.Length > 0 ? user.Home : "/"));
        return result;
    }

    /// <summary>"/host:/container[:ro|rw]" (named volumes arrive with the storage issue).</summary>
    private static SpecStep BindStep(string bind)
    {
        var parts = bind.Split(':');
        var readOnly = parts.Length > 2 && parts[2].Split(',').Contains("ro");
        return SpecSteps.WithBindMount(parts[0], parts.Length > 1 ? parts[1] : parts[0], readOnly);
    }
}
