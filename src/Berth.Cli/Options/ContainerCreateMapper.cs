using System.Globalization;
using Berth.Cli.Parsing;
using Berth.Protocol.Containers;
using Berth.Protocol.Json;

namespace Berth.Cli.Options;

/// <summary>
/// Turns `create`/`run` flags into the POST /containers/create body, following docker's
/// container/opts.go parse(). Pure: the environment and file reads come in as delegates, so tests
/// can call it directly. Invalid values throw <see cref="UsageException"/> with docker's text.
/// </summary>
internal static partial class ContainerCreateMapper
{
    public static ContainerCreateRequest Map(ContainerFlagValues v, string image, IReadOnlyList<string> command,
        Func<string, string?> getEnv, Func<string, byte[]> readFile)
    {
        var env = new List<string>();
        foreach (var file in v.EnvFiles) env.AddRange(ReadKeyValueFile(file, readFile, getEnv));
        foreach (var e in v.Env)
        {
            var eq = e.IndexOf('=');
            if (eq == 0 || e.Length == 0) throw FlagError(e, "-e, --env", $"invalid environment variable: {e}");
            if (eq > 0) env.Add(e);
            // A bare NAME passes the CLI's own value through, and is dropped when unset.
            else if (getEnv(e) is { } value) env.Add(e + "=" + value);
        }

        var labelLines = new List<string>();
        foreach (var file in v.LabelFiles) labelLines.AddRange(ReadKeyValueFile(file, readFile, null));
        labelLines.AddRange(v.Labels);
        var labels = new Dictionary<string, string>();
        foreach (var l in labelLines)
        {
            var eq = l.IndexOf('=');
            labels[eq < 0 ? l : l[..eq]] = eq < 0 ? "" : l[(eq + 1)..];
        }

        var restart = RestartPolicyText.Parse(v.Restart);
        if (v.AutoRemove && restart.Name is not ("" or "no"))
            throw ConfigError("conflicting options: cannot specify both --restart and --rm");

        var (exposed, bindings) = PortSpecs.Parse(v.Publish, v.Expose);
        var (binds, volumes) = SplitVolumes(v.Volumes);
        var attach = !v.Detach;
        var streams = v.Attach.Select(AttachStream).ToHashSet();

        var request = new ContainerCreateRequest
        {
            Hostname = v.Hostname ?? "",
            Domainname = v.Domainname ?? "",
            User = v.User ?? "",
            // docker's parse: -i attaches stdin; without -a, stdout and stderr are attached.
            AttachStdin = attach && (v.Interactive || streams.Contains("stdin")),
            AttachStdout = attach && (streams.Count == 0 || streams.Contains("stdout")),
            AttachStderr = attach && (streams.Count == 0 || streams.Contains("stderr")),
            ExposedPorts = exposed,
            Tty = v.Tty,
            OpenStdin = v.Interactive,
            // With stdin attached, closing it ends the container's stdin (docker sets StdinOnce).
            StdinOnce = attach && v.Interactive,
            Env = env,
            Cmd = command.Count > 0 ? command.ToList() : null,
            Image = image,
            Volumes = volumes,
            WorkingDir = v.Workdir ?? "",
            Entrypoint = v.Entrypoint switch { null => null, "" => [""], var e => [e] },
            Labels = labels,
            StopSignal = string.IsNullOrEmpty(v.StopSignal) ? null : v.StopSignal,
            StopTimeout = v.StopTimeout is null ? null : ParseInt(v.StopTimeout, "--stop-timeout"),
            HostConfig = new HostConfig
            {
                Binds = binds,
                AutoRemove = v.AutoRemove,
                Privileged = v.Privileged,
                ReadonlyRootfs = v.ReadOnly,
                // docker sends "default" when no --network is given; some daemons treat "" differently.
                NetworkMode = v.Networks.Count == 0 || string.IsNullOrEmpty(v.Networks[0]) ? "default" : v.Networks[0],
                RestartPolicy = restart,
                CapAdd = Capabilities(v.CapAdd),
                CapDrop = Capabilities(v.CapDrop),
                PortBindings = bindings ?? [],
                PublishAllPorts = v.PublishAll,
                Dns = v.Dns.ToList(),
                DnsOptions = v.DnsOptions.ToList(),
                DnsSearch = v.DnsSearch.Select(DnsSearchDomain).ToList(),
                ExtraHosts = v.AddHost.Count > 0 ? v.AddHost.ToList() : null,
                SecurityOpt = v.SecurityOpt.Count > 0 ? v.SecurityOpt.ToList() : null,
                Tmpfs = v.Tmpfs.Count > 0 ? v.Tmpfs.ToDictionary(Before(':'), After(':')) : null,
                LogConfig = new LogConfig
                {
                    Type = v.LogDriver ?? "",
                    Config = v.LogOpts.ToDictionary(Before('='), After('=')),
                },
                Memory = v.Memory is null ? 0 : ParseBytes(v.Memory, "-m, --memory"),
                MemoryReservation = v.MemoryReservation is null ? 0 : ParseBytes(v.MemoryReservation, "--memory-reservation"),
                MemorySwap = v.MemorySwap switch { null => 0, "-1" => -1, var s => ParseBytes(s, "--memory-swap") },
                NanoCpus = v.Cpus is null ? 0 : ParseCpus(v.Cpus),
                CpuShares = v.CpuShares is null ? 0 : ParseInt(v.CpuShares, "-c, --cpu-shares"),
                PidsLimit = v.PidsLimit is null ? null : ParseInt(v.PidsLimit, "--pids-limit"),
                ShmSize = v.ShmSize is null ? 0 : ParseBytes(v.ShmSize, "--shm-size"),
                Init = v.Init,
                ConsoleSize = [.. v.ConsoleSize],
            },
            NetworkingConfig = new NetworkingConfig
            {
                EndpointsConfig = NetworkEndpoints.Build(v.Networks, v.NetworkAliases, v.IPv4Address, v.MacAddress),
            },
        };
        return request;
    }

    /// <summary>
    /// docker's ValidateDNSSearch: "." or a domain name, returned without a trailing dot; anything
    /// else is refused as the flag's value.
    /// </summary>
    internal static string DnsSearchDomain(string value)
    {
        var domain = value.Trim(' ');
        if (domain == ".") return domain;
        var match = DomainPattern().Match(domain);
        if (!domain.Any(char.IsAsciiLetter) || !match.Success || match.Groups[1].Length >= 255)
            throw FlagError(value, "--dns-search", $"{domain} is not a valid domain");
        return match.Groups[1].Value;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^((?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9]))*)\.?\s*$")]
    private static partial System.Text.RegularExpressions.Regex DomainPattern();

    /// <summary>
    /// docker's normalizeCapabilities: upper case, "CAP_" prefixed, duplicates dropped, and "ALL"
    /// alone when present.
    /// </summary>
    internal static List<string>? Capabilities(IReadOnlyList<string> caps)
    {
        if (caps.Count == 0) return null;
        var result = new List<string>();
        foreach (var c in caps)
        {
            var cap = c.Trim().ToUpperInvariant();
            if (cap == "ALL") return ["ALL"];
            if (!cap.StartsWith("CAP_", StringComparison.Ordinal)) cap = "CAP_" + cap;
            if (!result.Contains(cap)) result.Add(cap);
        }
        return result;
    }

    private static List<string> ReadKeyValueFile(string file, Func<string, byte[]> readFile, Func<string, string?>? lookup)
    {
        byte[] content;
        try { content = readFile(file); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw ConfigError($"open {file}: {(ex is FileNotFoundException or DirectoryNotFoundException ? "no such file or directory" : ex.Message)}");
        }
        try { return EnvFileParser.Parse(file, content, lookup); }
        catch (FormatException ex) { throw ConfigError(ex.Message); }
    }

    /// <summary>"/host:/ctr[:ro]" are bind mounts; a lone "/ctr" is an anonymous volume.</summary>
    private static (List<string>? Binds, Dictionary<string, EmptyObject>? Volumes) SplitVolumes(IReadOnlyList<string> specs)
    {
        List<string>? binds = null;
        Dictionary<string, EmptyObject>? volumes = null;
        foreach (var spec in specs)
        {
            if (spec.Contains(':'))
                (binds ??= []).Add(spec);
            else
                (volumes ??= [])[spec] = EmptyObject.Instance;
        }
        return (binds, volumes);
    }

    private static Func<string, string> Before(char c) => s => s.IndexOf(c) is var i and >= 0 ? s[..i] : s;
    private static Func<string, string> After(char c) => s => s.IndexOf(c) is var i and >= 0 ? s[(i + 1)..] : "";

    private static int ParseInt(string text, string flag) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw FlagError(text, flag, $"strconv.ParseInt: parsing \"{text}\": invalid syntax");

    private static long ParseBytes(string text, string flag)
    {
        try { return ByteSize.ParseRam(text); }
        catch (FormatException ex) { throw FlagError(text, flag, ex.Message); }
    }

    private static long ParseCpus(string text)
    {
        try { return CpuQuantity.ParseNanoCpus(text); }
        catch (FormatException ex) { throw FlagError(text, "--cpus", ex.Message); }
    }

    /// <summary>docker's validateAttach: a stream name in any case, kept in lower case.</summary>
    private static string AttachStream(string value) =>
        value.ToLowerInvariant() is "stdin" or "stdout" or "stderr"
            ? value.ToLowerInvariant()
            : throw FlagError(value, "-a, --attach", "valid streams are STDIN, STDOUT and STDERR");

    /// <summary>pflag's wording for a value its parser refused.</summary>
    internal static UsageException FlagError(string value, string flag, string reason) =>
        new($"invalid argument \"{value}\" for \"{flag}\" flag: {reason}");

    /// <summary>docker's reportError: "berth: message" with the usage trailer, exit 125.</summary>
    internal static UsageException ConfigError(string message) =>
        new(message, 125, showUsage: true, prefixed: true) { OmitUsageLine = true };
}
