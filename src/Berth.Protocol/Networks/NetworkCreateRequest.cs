using System.Text.Json.Serialization;

namespace Berth.Protocol.Networks;

/// <summary>Body of POST /networks/create (Docker's network.CreateRequest), fields in the order docker's client sends them.</summary>
public sealed class NetworkCreateRequest
{
    public string Driver { get; set; } = "";
    public string Scope { get; set; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? EnableIPv4 { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? EnableIPv6 { get; set; }
    public NetworkIpam? IPAM { get; set; }
    public bool Internal { get; set; }
    public bool Attachable { get; set; }
    public bool Ingress { get; set; }
    public bool ConfigOnly { get; set; }
    public NetworkConfigReference? ConfigFrom { get; set; }
    public Dictionary<string, string>? Options { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Deprecated since API 1.44; accepted and ignored (names are always unique).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? CheckDuplicate { get; set; }
}
