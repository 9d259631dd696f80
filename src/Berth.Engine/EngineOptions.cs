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

    public string ContentRoot => Path.Combine(DataRoot, "content");
    public string SnapshotsRoot => Path.Combine(DataRoot, "snapshots");
    public string ContainersRoot => Path.Combine(DataRoot, "containers");
    public string DatabasePath => Path.Combine(DataRoot, "berth.db");
    public string TempRoot => Path.Combine(DataRoot, "tmp");
}
