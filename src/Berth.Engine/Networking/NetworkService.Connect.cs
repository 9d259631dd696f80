using Berth.Engine.Containers;
using Berth.Engine.Errors;
using Berth.Protocol.Containers;

namespace Berth.Engine.Networking;

public sealed partial class NetworkService
{
    /// <summary>The container side, set once it exists (it needs this service first).</summary>
    public ContainerNetworking? Attachments { get; internal set; }

    /// <summary>
    /// `network connect`: records the attachment (aliases, --ip) on the container; a running
    /// container gets its interface at once, a stopped one at its next start.
    /// </summary>
    public Task ConnectAsync(Network n, Container c, EndpointSettings? settings, CancellationToken ct)
    {
        CheckSharedNamespace(c, n);
        lock (_lock)
        {
            if (c.Networks.Values.Any(e => e.NetworkID == n.Id))
                throw BerthException.Forbidden($"endpoint with name {c.Name} already exists in network {n.Name}");
            var endpoint = ContainerNetworking.EndpointFor(n, settings);
            c.Networks[n.Name] = endpoint;
            try
            {
                if (c.State.IsRunning && c.State.Pid > 0) Attachments!.ConnectRunning(c, n, endpoint);
            }
            catch
            {
                c.Networks.Remove(n.Name);
                throw;
            }
            _containers.Save(c);
        }
        Emit(n, "connect", ("container", c.Id));
        return Task.CompletedTask;
    }

    /// <summary>`network disconnect`: the reverse; a running container loses the interface at once.</summary>
    public Task DisconnectAsync(Network n, Container c, bool force, CancellationToken ct)
    {
        if (n.Driver is "host" || c.HostConfig.NetworkMode == "host")
            throw BerthException.Forbidden("container cannot be disconnected from host network or connected to host network");
        lock (_lock)
        {
            var entry = c.Networks.FirstOrDefault(e => e.Value.NetworkID == n.Id);
            if (entry.Value is null)
            {
                if (force) return Task.CompletedTask;
                throw BerthException.Forbidden($"container {c.Id} is not connected to network {n.Name}");
            }
            if (c.State.IsRunning && c.State.Pid > 0) Attachments!.DisconnectRunning(c, n);
            c.Networks.Remove(entry.Key);
            if (n.Driver == "null" && c.HostConfig.NetworkMode == "none" && c.Networks.Count == 0) { /* a container may leave none */ }
            _containers.Save(c);
        }
        Emit(n, "disconnect", ("container", c.Id));
        return Task.CompletedTask;
    }

    private static void CheckSharedNamespace(Container c, Network n)
    {
        var mode = c.HostConfig.NetworkMode;
        if (n.Driver == "host" || mode == "host")
            throw BerthException.Forbidden("container cannot be disconnected from host network or connected to host network");
        if (mode.StartsWith("container:", StringComparison.Ordinal))
            throw BerthException.Forbidden("container sharing network namespace with another container or host cannot be connected to any other network");
        if (n.Driver == "null" || (mode == "none" && c.Networks.Values.Any(e => e.NetworkID != n.Id)))
            throw BerthException.Forbidden("container cannot be connected to multiple networks with one of the networks in private (none) mode");
    }
}
