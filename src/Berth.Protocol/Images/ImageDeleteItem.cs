using System.Text.Json.Serialization;

namespace Berth.Protocol.Images;

/// <summary>One element of DELETE /images/{name}: either Untagged or Deleted is set.</summary>
public sealed class ImageDeleteItem
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Untagged { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Deleted { get; set; }
}
