using System.Text.Json.Serialization;

namespace Berth.Engine.Runtime.Spec;

/// <summary>A user-namespace id range: container ids [ContainerId, +Size) map to host ids from HostId.</summary>
public sealed class OciIdMapping
{
    // The spec spells these with a capital "ID", which camelCase would not produce.
    [JsonPropertyName("containerID")]
    public uint ContainerId { get; set; }

    [JsonPropertyName("hostID")]
    public uint HostId { get; set; }

    public uint Size { get; set; }
}
