namespace Berth.Cli.Options;

/// <summary>
/// The container-configuration flags of `create` and `run`, as typed by the user (text, before
/// validation). <see cref="ContainerCreateMapper"/> turns them into the create request.
/// </summary>
internal sealed record ContainerFlagValues
{
    public string? Name { get; init; }
    public IReadOnlyList<string> Env { get; init; } = [];
    public IReadOnlyList<string> EnvFiles { get; init; } = [];
    public IReadOnlyList<string> Labels { get; init; } = [];
    public IReadOnlyList<string> LabelFiles { get; init; } = [];
    public string? Workdir { get; init; }
    public string? User { get; init; }
    /// <summary>Null when --entrypoint was not given; "" when given empty (clears the image's).</summary>
    public string? Entrypoint { get; init; }
    public string? Hostname { get; init; }
    public string? Domainname { get; init; }
    /// <summary>--network, in order (docker 25+ takes several: the first is the NetworkMode).</summary>
    public IReadOnlyList<string> Networks { get; init; } = [];
    /// <summary>--network-alias: names the container answers to on its (user-defined) network.</summary>
    public IReadOnlyList<string> NetworkAliases { get; init; } = [];
    /// <summary>--ip: the container's IPv4 address on its network.</summary>
    public string? IPv4Address { get; init; }
    public string? MacAddress { get; init; }
    public bool Tty { get; init; }
    public bool Interactive { get; init; }
    public bool AutoRemove { get; init; }
    public string? Restart { get; init; }
    public string? StopSignal { get; init; }
    public string? StopTimeout { get; init; }
    public bool Privileged { get; init; }
    public IReadOnlyList<string> CapAdd { get; init; } = [];
    public IReadOnlyList<string> CapDrop { get; init; } = [];
    public bool ReadOnly { get; init; }
    public string? Memory { get; init; }
    public string? MemoryReservation { get; init; }
    public string? MemorySwap { get; init; }
    public string? Cpus { get; init; }
    public string? CpuShares { get; init; }
    public string? PidsLimit { get; init; }
    public string? ShmSize { get; init; }
    public IReadOnlyList<string> Volumes { get; init; } = [];
    public IReadOnlyList<string> Publish { get; init; } = [];
    /// <summary>-P: every exposed port to a random host port.</summary>
    public bool PublishAll { get; init; }
    public IReadOnlyList<string> Expose { get; init; } = [];
    public IReadOnlyList<string> Dns { get; init; } = [];
    public IReadOnlyList<string> DnsOptions { get; init; } = [];
    public IReadOnlyList<string> DnsSearch { get; init; } = [];
    public IReadOnlyList<string> AddHost { get; init; } = [];
    public IReadOnlyList<string> SecurityOpt { get; init; } = [];
    public IReadOnlyList<string> Tmpfs { get; init; } = [];
    public string? LogDriver { get; init; }
    public IReadOnlyList<string> LogOpts { get; init; } = [];
    public bool? Init { get; init; }
    public string? Pull { get; init; }
    /// <summary>-q: no pull progress.</summary>
    public bool Quiet { get; init; }
    /// <summary>`run -d`: nothing is attached.</summary>
    public bool Detach { get; init; }
    /// <summary>Terminal size [height, width] when stdout is a terminal, else [0, 0].</summary>
    public int[] ConsoleSize { get; init; } = [0, 0];
    /// <summary>-a: the streams to attach (stdin, stdout, stderr in any case); none means stdout and stderr.</summary>
    public IReadOnlyList<string> Attach { get; init; } = [];
}
