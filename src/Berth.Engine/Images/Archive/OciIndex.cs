using System.Text.Json.Serialization;

namespace Berth.Engine.Images.Archive;

/// <summary>An OCI image index (index.json of an image layout, or a multi-platform manifest list).</summary>
public sealed class OciIndex
{
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; set; } = 2;
    [JsonPropertyName("mediaType")] public string? MediaType { get; set; }
    [JsonPropertyName("manifests")] public List<OciDescriptor> Manifests { get; set; } = [];
}
