using System.Text.Json.Serialization;

namespace Berth.Protocol.Networks;

/// <summary>
/// GET /networks/{id} and each element of GET /networks (Docker's network.Inspect, also its
/// network.Summary), fields in Docker's order.
/// </summary>
public sealed class NetworkInspect
{
    public string Name { get; set; } = "";
    public string Id { get; set; } = "";
    /// <summary>RFC 3339 with nanoseconds, as Go marshals a time.Time.</summary>
    public string Created { get; set; } = "";
    public string Scope { get; set; } = "local";
    public string Driver { get; set; } = "";
    public bool EnableIPv4 { get; set; }
    public bool EnableIPv6 { get; set; }
    public NetworkIpam IPAM { get; set; } = new();
    public bool Internal { get; set; }
    public bool Attachable { get; set; }
    public bool Ingress { get; set; }
    public NetworkConfigReference ConfigFrom { get; set; } = new();
    public bool ConfigOnly { get; set; }
    public Dictionary<string, NetworkEndpointResource>? Containers { get; set; } = new();
    public Dictionary<string, string>? Options { get; set; } = new();
    public Dictionary<string, string>? Labels { get; set; } = new();
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<NetworkPeerInfo>? Peers { get; set; }
}
