using Berth.Engine.Errors;
using Berth.Engine.Networking;
using Berth.Engine.Runtime;

namespace Berth.Engine.Containers;

/// <summary>The container side of networking: which namespace a start joins, its files, and berthd restarts.</summary>
public sealed partial class ContainerService
{
    private static bool IsHostNetwork(string mode) => mode == "host";

    private NetworkJoin NetworkJoinOf(Container c)
    {
        var mode = c.HostConfig.NetworkMode;
        if (IsHostNetwork(mode)) return NetworkJoin.Host;
        if (!mode.StartsWith("container:", StringComparison.Ordinal)) return NetworkJoin.New;
        var targetId = mode["container:".Length..];
        var target = _store.TryResolve(targetId) ?? throw BerthException.NotFound($"No such container: {targetId}");
        if (target.State.Status != ContainerStatus.Running || target.State.Pid <= 0)
            throw BerthException.Conflict($"cannot join network namespace of a non running container: container {target.Id} is {ContainerStatusText(target)}");
        if (target.HostConfig.NetworkMode == "host") return NetworkJoin.Host;
        return new NetworkJoin("path", $"/proc/{target.State.Pid}/ns/net", PathsOf(target));
    }

    private static string ContainerStatusText(Container c) => c.State.Status.ToString().ToLowerInvariant();

    private void WriteNetworkFiles(Container c, ContainerPaths paths, ContainerAttachment attachment, NetworkJoin join)
    {
        if (join.FilesOf is not null) return;
        attachment.DnsUpstreams = ContainerFiles.Write(c, paths, ContainerNetworking.PrimaryAddress(attachment), _networking.HostGateway,
            embeddedDns: ContainerNetworking.UsesEmbeddedDns(attachment)).Upstreams;
    }

    /// <summary>After a berthd restart: running containers get their addresses, ports and DNS back.</summary>
    private void RestoreNetworking()
    {
        foreach (var c in _store.List())
        {
            if (c.State.IsRunning && c.State.Pid > 0)
            {
                try { _networking.Restore(c, PathsOf(c).ResolvConfFile); }
                catch (Exception e) when (e is IOException or BerthException)
                {
                    Console.Error.WriteLine($"berthd: restoring the network of {c.ShortId}: {e.Message}");
                }
            }
            else if (c.Networks.Values.Any(n => n.IPAddress != "") || c.Ports.Count > 0)
            {
                _networking.Release(c);
                _store.Save(c);
            }
        }
    }
}
