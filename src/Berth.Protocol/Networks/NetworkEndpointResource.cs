namespace Berth.Protocol.Networks;

/// <summary>A running container's endpoint as network inspect lists it under Containers.</summary>
public sealed class NetworkEndpointResource
{
    public string Name { get; set; } = "";
    public string EndpointID { get; set; } = "";
    public string MacAddress { get; set; } = "";
    /// <summary>CIDR form: "172.18.0.2/16".</summary>
    public string IPv4Address { get; set; } = "";
    public string IPv6Address { get; set; } = "";
}
