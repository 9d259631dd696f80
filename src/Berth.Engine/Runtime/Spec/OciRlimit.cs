namespace Berth.Engine.Runtime.Spec;

/// <summary>One setrlimit(2) applied to the process, e.g. RLIMIT_NOFILE.</summary>
public sealed class OciRlimit
{
    public string Type { get; set; } = "";
    public ulong Hard { get; set; }
    public ulong Soft { get; set; }
}
