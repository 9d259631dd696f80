namespace Berth.Protocol.Containers;

public sealed class NetworkSettings
{
    public string Bridge { get; set; } = "";
    public string SandboxID { get; set; } = "";
    public string SandboxKey { get; set; } = "";
    public Dictionary<string, List<PortBinding>?> Ports { get; set; } = new();
    public Dictionary<string, EndpointSettings> Networks { get; set; } = new();
}
