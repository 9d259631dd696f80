namespace Berth.Protocol.Containers;

/// <summary>GET /containers/{id}/top: ps's header words and one row of cells per process.</summary>
public sealed class ContainerTopResponse
{
    public List<string> Titles { get; set; } = [];
    public List<List<string>> Processes { get; set; } = [];
}
