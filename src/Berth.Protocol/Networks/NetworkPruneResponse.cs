namespace Berth.Protocol.Networks;

/// <summary>The reply of POST /networks/prune: the names of the removed networks (null when none).</summary>
public sealed class NetworkPruneResponse
{
    public List<string>? NetworksDeleted { get; set; }
}
