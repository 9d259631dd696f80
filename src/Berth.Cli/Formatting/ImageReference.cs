namespace Berth.Cli.Formatting;

/// <summary>Image reference text helpers (docker's "familiar" names: docker.io/library/ dropped).</summary>
internal static class ImageReference
{
    /// <summary>"docker.io/library/busybox:1" → "busybox:1"; "docker.io/user/x" → "user/x".</summary>
    public static string Familiar(string reference)
    {
        foreach (var prefix in (string[])["docker.io/library/", "index.docker.io/library/", "docker.io/", "index.docker.io/"])
            if (reference.StartsWith(prefix, StringComparison.Ordinal)) return reference[prefix.Length..];
        return reference;
    }

    /// <summary>Drops an "@sha256:..." digest, keeping name and tag.</summary>
    public static string StripDigest(string reference)
    {
        var at = reference.IndexOf('@');
        return at < 0 ? reference : reference[..at];
    }

    /// <summary>
    /// Splits "name[:tag]" where the tag is after the last ':' that follows the last '/'
    /// (so "host:5000/img" has no tag). The tag is null when absent.
    /// </summary>
    public static (string Name, string? Tag) SplitTag(string reference)
    {
        var noDigest = StripDigest(reference);
        var slash = noDigest.LastIndexOf('/');
        var colon = noDigest.LastIndexOf(':');
        return colon > slash ? (noDigest[..colon], noDigest[(colon + 1)..]) : (noDigest, null);
    }

    /// <summary>The digest part of "name@sha256:...", or null.</summary>
    public static string? Digest(string reference)
    {
        var at = reference.IndexOf('@');
        return at < 0 ? null : reference[(at + 1)..];
    }
}
