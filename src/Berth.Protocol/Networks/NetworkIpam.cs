namespace Berth.Protocol.Networks;

/// <summary>A network's IP address management: driver, driver options and one config per subnet.</summary>
public sealed class NetworkIpam
{
    public string Driver { get; set; } = "default";
    /// <summary>Null unless the creator sent options (the docker CLI always sends {}).</summary>
    public Dictionary<string, string>? Options { get; set; }
    /// <summary>Null for host and none, as in Docker.</summary>
    public List<NetworkIpamConfig>? Config { get; set; }
}
