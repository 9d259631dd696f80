namespace Berth.Protocol.Images;

/// <summary>One element of GET /images/json.</summary>
public sealed class ImageSummary
{
    public string Id { get; set; } = "";
    public string ParentId { get; set; } = "";
    public List<string> RepoTags { get; set; } = [];
    public List<string> RepoDigests { get; set; } = [];
    public long Created { get; set; }
    public long Size { get; set; }
    public long SharedSize { get; set; } = -1;
    public Dictionary<string, string>? Labels { get; set; }
    public long Containers { get; set; } = -1;
}
