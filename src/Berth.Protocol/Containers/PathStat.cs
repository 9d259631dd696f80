using System.Text.Json.Serialization;

namespace Berth.Protocol.Containers;

/// <summary>
/// The X-Docker-Container-Path-Stat header of the archive API (base64 JSON). Mode is a Go os.FileMode:
/// permission bits plus Go's type bits (1&lt;&lt;31 directory, 1&lt;&lt;27 symlink …), not st_mode.
/// </summary>
public sealed class PathStat
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";
    [JsonPropertyName("size")]
    public long Size { get; set; }
    [JsonPropertyName("mode")]
    public uint Mode { get; set; }
    [JsonPropertyName("mtime")]
    public DateTimeOffset Mtime { get; set; }
    [JsonPropertyName("linkTarget")]
    public string LinkTarget { get; set; } = "";
}
