using Berth.Engine.Runtime;

namespace Berth.Engine.Containers;

/// <summary>
/// How a container gets its network namespace: "host" (none of its own), "new" (runc makes one,
/// berth wires it), or "path" — another container's (--network container:x), whose hosts,
/// resolv.conf and hostname files it shares.
/// </summary>
public sealed record NetworkJoin(string Mode, string? NamespacePath = null, ContainerPaths? FilesOf = null)
{
    public static readonly NetworkJoin Host = new("host");
    public static readonly NetworkJoin New = new("none");
}
