using Berth.Protocol.Containers;

namespace Berth.Engine.Containers;

/// <summary>
/// A container record: what was asked for at create (Config, HostConfig) and its state.
/// Persisted as one JSON row; changed only through <see cref="ContainerStore"/>.
/// </summary>
public sealed class Container
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public required DateTimeOffset Created { get; init; }
    /// <summary>The image ID ("sha256:…") the container was created from.</summary>
    public required string ImageId { get; init; }
    public required ContainerConfig Config { get; init; }
    public required HostConfig HostConfig { get; init; }
    public string Path { get; set; } = "";
    public List<string> Args { get; set; } = [];
    public ContainerState State { get; set; } = new();
    public int RestartCount { get; set; }
    /// <summary>
    /// The networks the container is attached to, keyed by network name (Docker's
    /// NetworkSettings.Networks): what was asked for (aliases, IPAMConfig, MAC) and, while it runs,
    /// the address, gateway and endpoint it got. Empty for host, none and container: modes.
    /// </summary>
    public Dictionary<string, EndpointSettings> Networks { get; set; } = new();
    /// <summary>The published ports while running ("80/tcp" → host bindings), as inspect shows them.</summary>
    public Dictionary<string, List<PortBinding>?> Ports { get; set; } = new();

    public string ShortId => Id[..12];
}
