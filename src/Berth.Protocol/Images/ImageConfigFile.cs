using System.Text.Json.Serialization;
using Berth.Protocol.Containers;

namespace Berth.Protocol.Images;

/// <summary>
/// The image configuration blob (OCI image config / Docker image JSON). Its sha256 is the image ID.
/// </summary>
public sealed class ImageConfigFile
{
    [JsonPropertyName("architecture")]
    public string Architecture { get; set; } = "amd64";
    [JsonPropertyName("os")]
    public string Os { get; set; } = "linux";
    [JsonPropertyName("variant")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Variant { get; set; }
    [JsonPropertyName("created")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? Created { get; set; }
    [JsonPropertyName("author")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Author { get; set; }
    [JsonPropertyName("comment")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Comment { get; set; }
    [JsonPropertyName("docker_version")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DockerVersion { get; set; }
    [JsonPropertyName("config")]
    public ContainerConfig? Config { get; set; }
    [JsonPropertyName("rootfs")]
    public ImageRootFs RootFs { get; set; } = new();
    [JsonPropertyName("history")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<HistoryEntry>? History { get; set; }
}
