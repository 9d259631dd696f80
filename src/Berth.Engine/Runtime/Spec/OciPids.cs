namespace Berth.Engine.Runtime.Spec;

/// <summary>Maximum number of tasks in the container's cgroup.</summary>
public sealed class OciPids
{
    public long Limit { get; set; }
}
