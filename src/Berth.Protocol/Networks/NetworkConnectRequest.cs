using System.Text.Json.Serialization;
using Berth.Protocol.Containers;

namespace Berth.Protocol.Networks;

/// <summary>Body of POST /networks/{id}/connect: the container and its endpoint settings (aliases, --ip …).</summary>
public sealed class NetworkConnectRequest
{
    public string Container { get; set; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EndpointSettings? EndpointConfig { get; set; }
}
