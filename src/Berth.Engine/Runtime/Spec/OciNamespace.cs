namespace Berth.Engine.Runtime.Spec;

/// <summary>
/// A namespace the container gets: a new one when Path is null, otherwise the one at Path
/// (e.g. /proc/123/ns/net) is joined. Type is pid, network, mount, ipc, uts, user or cgroup.
/// </summary>
public sealed class OciNamespace
{
    public string Type { get; set; } = "";
    public string? Path { get; set; }
}
