using System.Text.Json;

namespace Berth.Engine.Runtime.Spec;

/// <summary>
/// The bundle's config.json (OCI runtime spec 1.0.2) as runc 1.1 reads it. Only the fields a
/// Docker-style engine sets are modelled; absent (null) fields are omitted when written.
/// </summary>
public sealed class OciSpec
{
    /// <summary>The spec version runc 1.1 was built against.</summary>
    public const string Version = "1.0.2";

    public string OciVersion { get; set; } = Version;
    public OciProcess? Process { get; set; }
    public OciRoot? Root { get; set; }
    public string? Hostname { get; set; }
    public string? Domainname { get; set; }
    public List<OciMount>? Mounts { get; set; }
    public OciLinux? Linux { get; set; }
    public Dictionary<string, string>? Annotations { get; set; }

    public string ToJson() => JsonSerializer.Serialize(this, OciSpecJson.Default.OciSpec);

    public static OciSpec FromJson(string json) =>
        JsonSerializer.Deserialize(json, OciSpecJson.Default.OciSpec)
        ?? throw new JsonException("config.json is null");

    public static OciSpec ReadFrom(string path) => FromJson(File.ReadAllText(path));

    /// <summary>
    /// Writes config.json atomically (temp file in the same directory, flushed, then renamed) so
    /// that runc or a crash never sees a half-written spec.
    /// </summary>
    public void WriteTo(string path)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, this, OciSpecJson.Default.OciSpec);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
