namespace Berth.Engine.Runtime.Spec;

/// <summary>CPU cgroup settings: relative shares, CFS quota/period in microseconds, cpuset lists ("0-2,4").</summary>
public sealed class OciCpu
{
    public ulong? Shares { get; set; }
    public long? Quota { get; set; }
    public ulong? Period { get; set; }
    public long? RealtimeRuntime { get; set; }
    public ulong? RealtimePeriod { get; set; }
    public string? Cpus { get; set; }
    public string? Mems { get; set; }
}
