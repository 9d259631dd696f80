using System.Text.Json.Serialization;

namespace Berth.Engine.Runtime.Spec;

/// <summary>Memory cgroup limits in bytes; Swap is memory plus swap (cgroup v1 memsw semantics), -1 unlimited.</summary>
public sealed class OciMemory
{
    public long? Limit { get; set; }
    public long? Reservation { get; set; }
    public long? Swap { get; set; }
    public long? Kernel { get; set; }

    [JsonPropertyName("kernelTCP")]
    public long? KernelTcp { get; set; }

    public ulong? Swappiness { get; set; }

    [JsonPropertyName("disableOOMKiller")]
    public bool? DisableOomKiller { get; set; }
}
