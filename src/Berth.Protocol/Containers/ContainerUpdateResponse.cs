namespace Berth.Protocol.Containers;

public sealed class ContainerUpdateResponse
{
    public List<string> Warnings { get; set; } = [];
}
