using Berth.Engine.Errors;

namespace Berth.Engine.Runtime.Spec;

/// <summary>
/// The named steps that turn <see cref="DefaultSpec"/> into one container's config.json. Arguments
/// are validated when the step is made, so a bad option fails before any spec is touched. Split by
/// concern: process and identity here, then namespaces, mounts, security and resources.
/// </summary>
public static partial class SpecSteps
{
    /// <summary>Applies <paramref name="steps"/> in order (later steps override earlier ones).</summary>
    public static SpecStep Compose(params SpecStep[] steps) => spec =>
    {
        foreach (var step in steps)
            step(spec);
    };

    /// <summary>Builds a spec: the default one with <paramref name="steps"/> applied.</summary>
    public static OciSpec Build(params SpecStep[] steps)
    {
        var spec = DefaultSpec.Create();
        Compose(steps)(spec);
        return spec;
    }

    public static SpecStep WithRootfs(string path, bool readOnly = false) =>
        spec => spec.Root = new OciRoot { Path = path, Readonly = readOnly };

    public static SpecStep WithReadonlyRootfs(bool readOnly = true) =>
        spec => (spec.Root ??= new OciRoot()).Readonly = readOnly;

    public static SpecStep WithArgs(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
            throw BerthException.Invalid("no command specified");
        return spec => Process(spec).Args = [.. args];
    }

    /// <summary>
    /// Docker's env merge: "K=V" replaces an existing K in place or is appended; a bare "K" removes K.
    /// PATH gets the default when nothing set it, as Docker does for images without one.
    /// </summary>
    public static SpecStep WithEnv(IEnumerable<string> env)
    {
        var entries = env.ToList();
        return spec =>
        {
            var list = Process(spec).Env ??= [];
            foreach (var entry in entries)
                MergeEnv(list, entry);
            if (!list.Any(e => EnvKey(e) == "PATH"))
                list.Insert(0, DefaultSpec.DefaultPath);
        };
    }

    public static SpecStep WithCwd(string cwd)
    {
        if (!cwd.StartsWith('/'))
            throw BerthException.Invalid($"the working directory '{cwd}' is invalid, it needs to be an absolute path");
        return spec => Process(spec).Cwd = cwd;
    }

    public static SpecStep WithUser(uint uid, uint gid, IEnumerable<uint>? additionalGids = null)
    {
        List<uint>? extra = additionalGids?.Distinct().ToList();
        return spec => Process(spec).User = new OciUser
        {
            Uid = uid,
            Gid = gid,
            AdditionalGids = extra is { Count: > 0 } ? extra : null,
        };
    }

    public static SpecStep WithTerminal(bool terminal) => spec => Process(spec).Terminal = terminal;

    public static SpecStep WithHostname(string hostname) => spec => spec.Hostname = hostname;

    public static SpecStep WithDomainname(string domainname) => spec => spec.Domainname = domainname;

    public static SpecStep WithOomScoreAdj(int score)
    {
        if (score is < -1000 or > 1000)
            throw BerthException.Invalid($"Invalid value {score}, range for oom score adj is [-1000, 1000]");
        return spec => Process(spec).OomScoreAdj = score;
    }

    public static SpecStep WithNoNewPrivileges(bool enabled = true) => spec => Process(spec).NoNewPrivileges = enabled;

    /// <summary>Sets rlimits, replacing any of the same type. Docker's short names ("nofile") are accepted.</summary>
    public static SpecStep WithRlimits(IEnumerable<OciRlimit> rlimits)
    {
        var given = rlimits.Select(Rlimit).ToList();
        return spec =>
        {
            var list = Process(spec).Rlimits ??= [];
            list.RemoveAll(r => given.Any(g => g.Type == r.Type));
            list.AddRange(given.Select(Rlimit));
        };
    }

    public static SpecStep WithAnnotations(IReadOnlyDictionary<string, string> annotations) => spec =>
    {
        var map = spec.Annotations ??= [];
        foreach (var (key, value) in annotations)
            map[key] = value;
    };

    public static SpecStep WithSysctls(IReadOnlyDictionary<string, string> sysctls) => spec =>
    {
        var map = Linux(spec).Sysctl ??= [];
        foreach (var (key, value) in sysctls)
            map[key] = value;
    };

    public static SpecStep WithCgroupsPath(string path) => spec => Linux(spec).CgroupsPath = path;

    internal static OciProcess Process(OciSpec spec) => spec.Process ??= new OciProcess();

    internal static OciLinux Linux(OciSpec spec) => spec.Linux ??= new OciLinux();

    internal static OciResources Resources(OciSpec spec) => Linux(spec).Resources ??= new OciResources();

    private static string EnvKey(string entry)
    {
        var eq = entry.IndexOf('=');
        return eq < 0 ? entry : entry[..eq];
    }

    private static void MergeEnv(List<string> list, string entry)
    {
        var key = EnvKey(entry);
        var at = list.FindIndex(e => EnvKey(e) == key);
        var hasValue = entry.Contains('=');
        if (at >= 0 && hasValue)
            list[at] = entry;
        else if (at >= 0)
            list.RemoveAll(e => EnvKey(e) == key);
        else if (hasValue)
            list.Add(entry);
    }

    // runc refuses a spec naming any other resource.
    private static readonly HashSet<string> RlimitNames =
    [
        "AS", "CORE", "CPU", "DATA", "FSIZE", "LOCKS", "MEMLOCK", "MSGQUEUE", "NICE", "NOFILE", "NPROC",
        "RSS", "RTPRIO", "RTTIME", "SIGPENDING", "STACK",
    ];

    private static OciRlimit Rlimit(OciRlimit r)
    {
        var upper = r.Type.Trim().ToUpperInvariant();
        var name = upper.StartsWith("RLIMIT_", StringComparison.Ordinal) ? upper[7..] : upper;
        if (!RlimitNames.Contains(name))
            throw BerthException.Invalid($"invalid ulimit type: {r.Type}");
        if (r.Soft > r.Hard)
            throw BerthException.Invalid($"ulimit soft limit must be less than or equal to hard limit: {r.Soft} > {r.Hard}");
        return new OciRlimit { Type = "RLIMIT_" + name, Hard = r.Hard, Soft = r.Soft };
    }
}
