using System.Text.Json.Serialization;

namespace Berth.Protocol.Images;

/// <summary>The rootfs section of an OCI image config: the layers' diff IDs, bottom first.</summary>
public sealed class ImageRootFs
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = "layers";
    [JsonPropertyName("diff_ids")]
    public List<string> DiffIds { get; set; } = [];
}
