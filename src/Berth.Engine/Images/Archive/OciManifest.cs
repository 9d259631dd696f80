using System.Text.Json.Serialization;

namespace Berth.Engine.Images.Archive;

/// <summary>An OCI image manifest (also reads Docker schema 2 manifests: same shape).</summary>
public sealed class OciManifest
{
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; set; } = 2;
    [JsonPropertyName("mediaType")] public string? MediaType { get; set; }
    [JsonPropertyName("config")] public OciDescriptor Config { get; set; } = new();
    [JsonPropertyName("layers")] public List<OciDescriptor> Layers { get; set; } = [];
}
