using System.Text.Json.Serialization;

namespace Berth.Protocol.Networks;

/// <summary>One subnet of a network (--subnet, --ip-range, --gateway, --aux-address); empty fields are left out.</summary>
public sealed class NetworkIpamConfig
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Subnet { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IPRange { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Gateway { get; set; }
    [JsonPropertyName("AuxiliaryAddresses")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? AuxAddress { get; set; }
}
