namespace Berth.Engine.Images.Archive;

/// <summary>One element of a docker-archive's manifest.json.</summary>
public sealed class ArchiveManifestEntry
{
    public string Config { get; set; } = "";
    public List<string>? RepoTags { get; set; }
    public List<string> Layers { get; set; } = [];
}
