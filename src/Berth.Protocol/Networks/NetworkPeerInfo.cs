namespace Berth.Protocol.Networks;

/// <summary>A peer node of an overlay network (never sent by Berth, kept so clients' JSON round-trips).</summary>
public sealed class NetworkPeerInfo
{
    public string Name { get; set; } = "";
    public string IP { get; set; } = "";
}
