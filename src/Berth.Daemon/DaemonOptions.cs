using System.Text.Json;

namespace Berth.Daemon;

/// <summary>berthd's settings: dockerd's flags, and dockerd's daemon.json keys where they mean the same.</summary>
public sealed class DaemonOptions
{
    public List<string> Hosts { get; } = [];
    public string DataRoot { get; set; } = "/var/lib/berth";
    public string ExecRoot { get; set; } = "/run/berth";
    public string? ConfigFile { get; set; }
    public string LogLevel { get; set; } = "info";
    public string Runtime { get; set; } = "runc";
    public string CgroupParent { get; set; } = "/berth";
    /// <summary>dockerd's --bip: the default bridge's address and prefix.</summary>
    public string BridgeIp { get; set; } = "";
    /// <summary>dockerd's --default-address-pool base=…,size=… (repeatable); empty means Docker's defaults.</summary>
    public List<(string Base, int Size)> AddressPools { get; } = [];
    /// <summary>Berth's own: the prefix of bridge names and of the nftables table (one per daemon on a host).</summary>
    public string NetworkPrefix { get; set; } = "berth";
    public bool ShowHelp { get; set; }
    public bool ShowVersion { get; set; }

    public const string Usage = """
        Usage:	berthd [OPTIONS]

        A Docker-compatible container engine

        Options:
              --config-file string   Daemon configuration file (default "/etc/berth/daemon.json")
              --data-root string     Root directory of persistent Berth state (default "/var/lib/berth")
              --exec-root string     Root directory for execution state files (default "/run/berth")
          -H, --host list            Daemon socket(s) to connect to (default unix:///run/berth/berth.sock)
          -l, --log-level string     Set the logging level ("debug"|"info"|"warn"|"error"|"fatal") (default "info")
              --runtime string       OCI runtime binary (default "runc")
              --cgroup-parent string Parent cgroup for all containers (default "/berth")
              --bip string           Specify default-bridge IPv4 network (e.g. 172.30.0.1/16)
              --default-address-pool Default address pools for node specific local networks (base=CIDR,size=N)
              --network-prefix string Prefix of berth's bridge and nftables table names (default "berth")
          -v, --version              Print version information and quit
        """;

    public static DaemonOptions Parse(string[] args)
    {
        var o = new DaemonOptions();
        var explicitKeys = new HashSet<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string? inline = null;
            var eq = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0) { inline = arg[(eq + 1)..]; arg = arg[..eq]; }
            string Value() => inline ?? (i + 1 < args.Length ? args[++i] : throw new ArgumentException($"flag needs an argument: {arg}"));
            switch (arg)
            {
                case "-H" or "--host": o.Hosts.Add(Value()); explicitKeys.Add("hosts"); break;
                case "--data-root" or "-g" or "--graph": o.DataRoot = Value(); explicitKeys.Add("data-root"); break;
                case "--exec-root": o.ExecRoot = Value(); explicitKeys.Add("exec-root"); break;
                case "--config-file": o.ConfigFile = Value(); break;
                case "-l" or "--log-level": o.LogLevel = Value(); explicitKeys.Add("log-level"); break;
                case "--runtime" or "--default-runtime": o.Runtime = Value(); explicitKeys.Add("default-runtime"); break;
                case "--cgroup-parent": o.CgroupParent = Value(); explicitKeys.Add("cgroup-parent"); break;
                case "--bip": o.BridgeIp = Value(); explicitKeys.Add("bip"); break;
                case "--default-address-pool": o.AddressPools.Add(ParsePool(Value())); explicitKeys.Add("default-address-pools"); break;
                case "--network-prefix": o.NetworkPrefix = Value(); break;
                case "-h" or "--help": o.ShowHelp = true; break;
                case "-v" or "--version": o.ShowVersion = true; break;
                default: throw new ArgumentException($"unknown flag: {arg}");
            }
        }
        var configFile = o.ConfigFile ?? "/etc/berth/daemon.json";
        if (o.ConfigFile is not null && !File.Exists(configFile))
            throw new ArgumentException($"unable to configure the Berth daemon with file {configFile}: no such file");
        if (File.Exists(configFile)) o.ApplyConfigFile(configFile, explicitKeys);
        if (o.Hosts.Count == 0) o.Hosts.Add("unix://" + Path.Combine(o.ExecRoot, "berth.sock"));
        if (!System.Text.RegularExpressions.Regex.IsMatch(o.NetworkPrefix, "^[a-z][a-z0-9]{0,9}$"))
            throw new ArgumentException($"invalid network prefix {o.NetworkPrefix}: 1 to 10 lower-case letters and digits, starting with a letter");
        if (o.LogLevel is not ("debug" or "info" or "warn" or "error" or "fatal"))
            throw new ArgumentException($"unable to parse logging level: {o.LogLevel}");
        return o;
    }

    /// <summary>A flag given on the command line and the same key in the file is an error (dockerd does the same).</summary>
    private void ApplyConfigFile(string path, HashSet<string> explicitKeys)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var prop in doc.RootElement.EnumerateObject())
        {
            if (explicitKeys.Contains(prop.Name))
                throw new ArgumentException($"the following directives are specified both as a flag and in the configuration file: {prop.Name}");
            switch (prop.Name)
            {
                case "hosts": Hosts.AddRange(prop.Value.EnumerateArray().Select(v => v.GetString()!)); break;
                case "data-root": DataRoot = prop.Value.GetString()!; break;
                case "exec-root": ExecRoot = prop.Value.GetString()!; break;
                case "log-level": LogLevel = prop.Value.GetString()!; break;
                case "default-runtime": Runtime = prop.Value.GetString()!; break;
                case "cgroup-parent": CgroupParent = prop.Value.GetString()!; break;
                case "bip": BridgeIp = prop.Value.GetString()!; break;
                case "default-address-pools":
                    foreach (var pool in prop.Value.EnumerateArray())
                        AddressPools.Add((pool.GetProperty("base").GetString()!, pool.GetProperty("size").GetInt32()));
                    break;
                default: break; // dockerd keys Berth does not use yet are accepted and ignored
            }
        }
    }

    /// <summary>"base=10.10.0.0/16,size=24", as dockerd's --default-address-pool.</summary>
    private static (string Base, int Size) ParsePool(string text)
    {
        string? cidr = null;
        var size = -1;
        foreach (var part in text.Split(','))
        {
            var eq = part.IndexOf('=');
            var (k, v) = eq < 0 ? (part, "") : (part[..eq], part[(eq + 1)..]);
            if (k == "base") cidr = v;
            else if (k == "size" && int.TryParse(v, out var n)) size = n;
            else throw new ArgumentException($"invalid default address pool: {text}");
        }
        if (cidr is null || size is < 1 or > 30) throw new ArgumentException($"invalid default address pool: {text}");
        return (cidr, size);
    }
}
