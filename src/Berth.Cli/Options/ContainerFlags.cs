using System.CommandLine;
using Berth.Cli.Parsing;

namespace Berth.Cli.Options;

/// <summary>Declares the container flags shared by `create` and `run` (docker's AddFlags) and reads them back.</summary>
internal sealed class ContainerFlags
{
    private readonly Option<string> _name, _workdir, _user, _entrypoint, _hostname, _domainname, _restart,
        _stopSignal, _stopTimeout, _memory, _memoryReservation, _memorySwap, _cpus, _cpuShares, _pidsLimit, _shmSize,
        _logDriver, _pull, _ip, _macAddress;
    private readonly Option<string[]> _env, _envFile, _label, _labelFile, _capAdd, _capDrop, _volume, _publish, _expose,
        _dns, _addHost, _securityOpt, _tmpfs, _logOpt, _networkAlias, _netAlias, _dnsSearch, _dnsOption, _dnsOpt, _network, _net;
    private readonly Option<bool> _tty, _interactive, _rm, _privileged, _readOnly, _init, _quiet, _publishAll;
    private readonly Option<string[]> _attach;

    public ContainerFlags(CliCommand c)
    {
        _attach = c.List("--attach", "-a", "Attach to STDIN, STDOUT or STDERR");
        _name = c.Value("--name", null, "Assign a name to the container");
        _env = c.List("--env", "-e", "Set environment variables");
        _envFile = c.List("--env-file", null, "Read in a file of environment variables");
        _label = c.List("--label", "-l", "Set meta data on a container");
        _labelFile = c.List("--label-file", null, "Read in a line delimited file of labels");
        _workdir = c.Value("--workdir", "-w", "Working directory inside the container");
        _user = c.Value("--user", "-u", "Username or UID (format: <name|uid>[:<group|gid>])");
        _entrypoint = c.Value("--entrypoint", null, "Overwrite the default ENTRYPOINT of the image");
        _hostname = c.Value("--hostname", "-h", "Container host name");
        _domainname = c.Value("--domainname", null, "Container NIS domain name");
        _network = c.List("--network", null, "Connect a container to a network");
        _net = c.List("--net", null, "Connect a container to a network", hidden: true);
        _networkAlias = c.List("--network-alias", null, "Add network-scoped alias for the container");
        _netAlias = c.List("--net-alias", null, "Add network-scoped alias for the container", hidden: true);
        _ip = c.Value("--ip", null, "IPv4 address (e.g., 172.30.100.104)");
        _macAddress = c.Value("--mac-address", null, "Container MAC address (e.g., 92:d0:c6:0a:29:33)");
        _tty = c.Flag("--tty", "-t", "Allocate a pseudo-TTY");
        _interactive = c.Flag("--interactive", "-i", "Keep STDIN open even if not attached");
        _rm = c.Flag("--rm", null, "Automatically remove the container and its associated anonymous volumes when it exits");
        _restart = c.Value("--restart", null, "Restart policy to apply when a container exits (default \"no\")");
        _stopSignal = c.Value("--stop-signal", null, "Signal to stop the container");
        _stopTimeout = c.Value("--stop-timeout", null, "Timeout (in seconds) to stop a container", "int");
        _privileged = c.Flag("--privileged", null, "Give extended privileges to this container");
        _capAdd = c.List("--cap-add", null, "Add Linux capabilities");
        _capDrop = c.List("--cap-drop", null, "Drop Linux capabilities");
        _readOnly = c.Flag("--read-only", null, "Mount the container's root filesystem as read only");
        _memory = c.Value("--memory", "-m", "Memory limit", "bytes");
        _memoryReservation = c.Value("--memory-reservation", null, "Memory soft limit", "bytes");
        _memorySwap = c.Value("--memory-swap", null, "Swap limit equal to memory plus swap: '-1' to enable unlimited swap", "bytes");
        _cpus = c.Value("--cpus", null, "Number of CPUs", "decimal");
        _cpuShares = c.Value("--cpu-shares", "-c", "CPU shares (relative weight)", "int");
        _pidsLimit = c.Value("--pids-limit", null, "Tune container pids limit (set -1 for unlimited)", "int");
        _shmSize = c.Value("--shm-size", null, "Size of /dev/shm", "bytes");
        _volume = c.List("--volume", "-v", "Bind mount a volume");
        _publish = c.List("--publish", "-p", "Publish a container's port(s) to the host");
        _publishAll = c.Flag("--publish-all", "-P", "Publish all exposed ports to random ports");
        _expose = c.List("--expose", null, "Expose a port or a range of ports");
        _dns = c.List("--dns", null, "Set custom DNS servers");
        _dnsOption = c.List("--dns-option", null, "Set DNS options");
        _dnsOpt = c.List("--dns-opt", null, "Set DNS options", hidden: true);
        _dnsSearch = c.List("--dns-search", null, "Set custom DNS search domains");
        _addHost = c.List("--add-host", null, "Add a custom host-to-IP mapping (host:ip)");
        _securityOpt = c.List("--security-opt", null, "Security Options");
        _tmpfs = c.List("--tmpfs", null, "Mount a tmpfs directory");
        _logDriver = c.Value("--log-driver", null, "Logging driver for the container");
        _logOpt = c.List("--log-opt", null, "Log driver options");
        _init = c.Flag("--init", null, "Run an init inside the container that forwards signals and reaps processes");
        _pull = c.Value("--pull", null, "Pull image before running (\"always\", \"missing\", \"never\") (default \"missing\")");
        _quiet = c.Flag("--quiet", "-q", "Suppress the pull output");
    }

    /// <summary>Whether the user typed the flag (System.CommandLine also reports implicit defaults).</summary>
    private static bool Given(ParseResult r, Option option) => r.GetResult(option) is { Implicit: false };

    public ContainerFlagValues Read(ParseResult r) => new()
    {
        Attach = r.GetValue(_attach) ?? [],
        Name = r.GetValue(_name),
        Env = r.GetValue(_env) ?? [],
        EnvFiles = r.GetValue(_envFile) ?? [],
        Labels = r.GetValue(_label) ?? [],
        LabelFiles = r.GetValue(_labelFile) ?? [],
        Workdir = r.GetValue(_workdir),
        User = r.GetValue(_user),
        // An explicitly empty --entrypoint matters: it clears the image's entrypoint.
        Entrypoint = Given(r, _entrypoint) ? r.GetValue(_entrypoint) ?? "" : null,
        Hostname = r.GetValue(_hostname),
        Domainname = r.GetValue(_domainname),
        Networks = [.. r.GetValue(_network) ?? [], .. r.GetValue(_net) ?? []],
        NetworkAliases = [.. r.GetValue(_networkAlias) ?? [], .. r.GetValue(_netAlias) ?? []],
        IPv4Address = r.GetValue(_ip),
        MacAddress = r.GetValue(_macAddress),
        Tty = r.GetValue(_tty),
        Interactive = r.GetValue(_interactive),
        AutoRemove = r.GetValue(_rm),
        Restart = r.GetValue(_restart),
        StopSignal = r.GetValue(_stopSignal),
        StopTimeout = r.GetValue(_stopTimeout),
        Privileged = r.GetValue(_privileged),
        CapAdd = r.GetValue(_capAdd) ?? [],
        CapDrop = r.GetValue(_capDrop) ?? [],
        ReadOnly = r.GetValue(_readOnly),
        Memory = r.GetValue(_memory),
        MemoryReservation = r.GetValue(_memoryReservation),
        MemorySwap = r.GetValue(_memorySwap),
        Cpus = r.GetValue(_cpus),
        CpuShares = r.GetValue(_cpuShares),
        PidsLimit = r.GetValue(_pidsLimit),
        ShmSize = r.GetValue(_shmSize),
        Volumes = r.GetValue(_volume) ?? [],
        Publish = r.GetValue(_publish) ?? [],
        PublishAll = r.GetValue(_publishAll),
        Expose = r.GetValue(_expose) ?? [],
        Dns = r.GetValue(_dns) ?? [],
        DnsOptions = [.. r.GetValue(_dnsOption) ?? [], .. r.GetValue(_dnsOpt) ?? []],
        DnsSearch = r.GetValue(_dnsSearch) ?? [],
        AddHost = r.GetValue(_addHost) ?? [],
        SecurityOpt = r.GetValue(_securityOpt) ?? [],
        Tmpfs = r.GetValue(_tmpfs) ?? [],
        LogDriver = r.GetValue(_logDriver),
        LogOpts = r.GetValue(_logOpt) ?? [],
        Init = Given(r, _init) ? r.GetValue(_init) : null,
        Pull = r.GetValue(_pull),
        Quiet = r.GetValue(_quiet),
    };
}
