using Berth.Engine.Containers;
using Berth.Protocol.Containers;

namespace Berth.Engine.Networking;

public sealed partial class NetworkService
{
    /// <summary>
    /// `network connect`: records the attachment (aliases, --ip) on the container; a running
    /// container gets its interface at once, a stopped one at its next start.
    /// </summary>
    public Task ConnectAsync(Network n, Container c, EndpointSettings? settings, CancellationToken ct) =>
        throw new NotImplementedException();

    /// <summary>`network disconnect`: the reverse; a running container loses the interface at once.</summary>
    public Task DisconnectAsync(Network n, Container c, bool force, CancellationToken ct) =>
        throw new NotImplementedException();
}
