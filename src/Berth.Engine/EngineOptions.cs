namespace Berth.Engine;

/// <summary>Where the engine keeps its state and which programs it drives.</summary>
public sealed class EngineOptions
{
    public string DataRoot { get; set; } = "/var/lib/berth";
    public string ExecRoot { get; set; } = "/run/berth";
    public string RuntimePath { get; set; } = "runc";
    public string ConmonPath { get; set; } = "conmon";
    /// <summary>Parent cgroup for containers (cgroupfs path).</summary>
    public string CgroupParent { get; set; } = "/berth";
    /// <summary>
    /// Names berth's host-side network objects: the default bridge "&lt;prefix&gt;0", user bridges
    /// "&lt;prefix&gt;-&lt;id&gt;", the nftables table "&lt;prefix&gt;". Tests give each daemon its own.
    /// </summary>
    public string NetworkPrefix { get; set; } = "berth";
    /// <summary>Pools new networks' subnets come from (dockerd's default-address-pools): base CIDR and subnet size.</summary>
    public List<(string Base, int Size)> AddressPools { get; set; } = DefaultAddressPools();
    /// <summary>The default bridge's address and prefix (dockerd's --bip), or empty to pick from the pools.</summary>
    public string BridgeIp { get; set; } = "";

    /// <summary>Docker's defaults: 172.17–172.31 as /16s, then 192.168.0.0/16 as /20s.</summary>
    public static List<(string Base, int Size)> DefaultAddressPools() =>
        [.. Enumerable.Range(17, 15).Select(i => ($"172.{i}.0.0/16", 16)), ("192.168.0.0/16", 20)];

    public string ContentRoot => Path.Combine(DataRoot, "content");
    public string SnapshotsRoot => Path.Combine(DataRoot, "snapshots");
    public string ContainersRoot => Path.Combine(DataRoot, "containers");
    public string DatabasePath => Path.Combine(DataRoot, "berth.db");
    public string TempRoot => Path.Combine(DataRoot, "tmp");
}
