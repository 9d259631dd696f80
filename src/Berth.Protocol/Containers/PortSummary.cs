using System.Text.Json.Serialization;

namespace Berth.Protocol.Containers;

/// <summary>One entry of a container summary's Ports list.</summary>
public sealed class PortSummary
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IP { get; set; }
    public int PrivatePort { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int PublicPort { get; set; }
    public string Type { get; set; } = "tcp";
}
