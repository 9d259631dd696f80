// TEMPORARY stand-in until the `refs` branch lands.
using Berth.Engine.Errors;
namespace Berth.Engine.Images;
public sealed class ImageReference
{
    public string Domain { get; init; } = "docker.io";
    public string Path { get; init; } = "";
    public string? Tag { get; init; }
    public string? Digest { get; init; }
    public static ImageReference Parse(string s)
    {
        if (!TryParse(s, out var r)) throw BerthException.Invalid("invalid reference format");
        return r!;
    }
    public static bool TryParse(string s, out ImageReference? r)
    {
        r = null;
        if (string.IsNullOrEmpty(s) || s != s.ToLowerInvariant() && !s.Contains('@')) return false;
        string? digest = null; var at = s.IndexOf('@');
        if (at >= 0) { digest = s[(at + 1)..]; s = s[..at]; }
        string? tag = null; var colon = s.LastIndexOf(':');
        if (colon > s.LastIndexOf('/')) { tag = s[(colon + 1)..]; s = s[..colon]; if (tag.Length == 0) return false; }
        if (s.Length == 0) return false;
        var domain = "docker.io"; var slash = s.IndexOf('/');
        if (slash > 0 && (s[..slash].Contains('.') || s[..slash].Contains(':') || s[..slash] == "localhost")) { domain = s[..slash]; s = s[(slash + 1)..]; }
        if (domain == "docker.io" && !s.Contains('/')) s = "library/" + s;
        r = new ImageReference { Domain = domain, Path = s, Tag = tag, Digest = digest };
        return true;
    }
    public ImageReference WithDefaultTag() => Tag is null && Digest is null ? new ImageReference { Domain = Domain, Path = Path, Tag = "latest" } : this;
    public string FullName => Domain + "/" + Path;
    public string FamiliarName => Domain == "docker.io" ? (Path.StartsWith("library/") ? Path[8..] : Path) : FullName;
    public string FamiliarString => FamiliarName + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);
    public override string ToString() => FullName + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);
}
