namespace Berth.Protocol.Containers;

public sealed class SummaryHostConfig
{
    public string NetworkMode { get; set; } = "";
}
