namespace Berth.Protocol.Containers;

/// <summary>
/// Container inspect's NetworkSettings in Docker 28's shape: the sandbox, the ports, the deprecated
/// fields Docker still sends, the default bridge's addresses repeated at the top level, then every
/// network the container is attached to.
/// </summary>
public sealed class NetworkSettings
{
    public string Bridge { get; set; } = "";
    public string SandboxID { get; set; } = "";
    public string SandboxKey { get; set; } = "";
    public Dictionary<string, List<PortBinding>?> Ports { get; set; } = new();
    public bool HairpinMode { get; set; }
    public string LinkLocalIPv6Address { get; set; } = "";
    public int LinkLocalIPv6PrefixLen { get; set; }
    public List<NetworkAddress>? SecondaryIPAddresses { get; set; }
    public List<NetworkAddress>? SecondaryIPv6Addresses { get; set; }
    public string EndpointID { get; set; } = "";
    public string Gateway { get; set; } = "";
    public string GlobalIPv6Address { get; set; } = "";
    public int GlobalIPv6PrefixLen { get; set; }
    public string IPAddress { get; set; } = "";
    public int IPPrefixLen { get; set; }
    public string IPv6Gateway { get; set; } = "";
    public string MacAddress { get; set; } = "";
    public Dictionary<string, EndpointSettings> Networks { get; set; } = new();
}
