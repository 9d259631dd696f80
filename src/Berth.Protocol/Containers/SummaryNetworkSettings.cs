namespace Berth.Protocol.Containers;

public sealed class SummaryNetworkSettings
{
    public Dictionary<string, EndpointSettings> Networks { get; set; } = new();
}
