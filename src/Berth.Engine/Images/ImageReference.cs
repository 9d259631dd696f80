using System.Diagnostics.CodeAnalysis;
using Berth.Engine.Errors;

namespace Berth.Engine.Images;

/// <summary>
/// A normalised image reference, as Docker's ParseNormalizedNamed produces it: "busybox" is
/// docker.io/library/busybox, "user/app:1" is docker.io/user/app:1, "localhost:5000/x" keeps its registry.
/// Tag and digest may both be present ("name:tag@sha256:...").
/// </summary>
public sealed class ImageReference : IEquatable<ImageReference>
{
    /// <summary>Docker Hub's canonical domain.</summary>
    public const string DefaultDomain = "docker.io";

    /// <summary>The tag <see cref="WithDefaultTag"/> adds.</summary>
    public const string DefaultTag = "latest";

    private const string LegacyDefaultDomain = "index.docker.io";
    private const string OfficialRepoPrefix = "library/";
    private const int RepositoryNameMaxLength = 255;

    private ImageReference(string domain, string path, string? tag, string? digest)
    {
        Domain = domain;
        Path = path;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>
    /// Registry host (with port), "docker.io" for Docker Hub. Empty only when the first element looked
    /// like a host to Docker's heuristic but not to the grammar ("my_reg.com/x"), as in Docker.
    /// </summary>
    public string Domain { get; }

    /// <summary>Repository path within the registry, e.g. "library/busybox".</summary>
    public string Path { get; }

    /// <summary>The tag, or null when none was given.</summary>
    public string? Tag { get; }

    /// <summary>The digest ("sha256:&lt;hex&gt;"), or null when none was given.</summary>
    public string? Digest { get; }

    /// <summary>"docker.io/library/busybox" (just the path in the rare case the grammar found no domain).</summary>
    public string FullName => Domain.Length == 0 ? Path : Domain + "/" + Path;

    /// <summary>The short name Docker shows: "busybox", "user/app", "localhost:5000/app".</summary>
    public string FamiliarName
    {
        get
        {
            if (Domain != DefaultDomain)
                return FullName;
            // Only single-level official names lose the "library/" namespace.
            if (Path.StartsWith(OfficialRepoPrefix, StringComparison.Ordinal))
            {
                var remainder = Path[OfficialRepoPrefix.Length..];
                if (!remainder.Contains('/'))
                    return remainder;
            }
            return Path;
        }
    }

    /// <summary>The familiar form with tag and digest, as RepoTags and `docker images` show it.</summary>
    public string FamiliarString => Decorate(FamiliarName);

    /// <summary>True when neither a tag nor a digest is present.</summary>
    public bool IsNameOnly => Tag is null && Digest is null;

    /// <summary>
    /// Parses and normalises a reference the way the Docker CLI and daemon do. Throws
    /// <see cref="BerthException"/> (InvalidArgument) with Docker's message, e.g.
    /// "invalid reference format: repository name (library/Busybox) must be lowercase".
    /// </summary>
    public static ImageReference Parse(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var error = TryParseCore(reference, out var result);
        return error is null ? result! : throw BerthException.Invalid(error);
    }

    /// <summary>Non-throwing <see cref="Parse"/>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? reference, [NotNullWhen(true)] out ImageReference? result)
    {
        result = null;
        return reference is not null && TryParseCore(reference, out result) is null;
    }

    /// <summary>True for a bare 64-character lowercase hex string (an image ID, never a name).</summary>
    public static bool IsImageId(string value) => ReferenceGrammar.AnchoredIdentifier().IsMatch(value);

    /// <summary>Adds the "latest" tag when the reference has neither tag nor digest (TagNameOnly).</summary>
    public ImageReference WithDefaultTag() => IsNameOnly ? new ImageReference(Domain, Path, DefaultTag, null) : this;

    /// <summary>
    /// Docker's ParseDockerRef normalisation: a reference with both tag and digest keeps only the digest;
    /// a bare name gets "latest".
    /// </summary>
    public ImageReference ToDockerRef() =>
        Tag is not null && Digest is not null ? new ImageReference(Domain, Path, null, Digest) : WithDefaultTag();

    /// <summary>The same repository with <paramref name="tag"/> (any digest kept). Throws "invalid tag format".</summary>
    public ImageReference WithTag(string tag) =>
        ReferenceGrammar.AnchoredTag().IsMatch(tag)
            ? new ImageReference(Domain, Path, tag, Digest)
            : throw BerthException.Invalid("invalid tag format");

    /// <summary>The same repository with <paramref name="digest"/> (any tag kept). Throws "invalid digest format".</summary>
    public ImageReference WithDigest(string digest) =>
        ReferenceGrammar.AnchoredDigest().IsMatch(digest)
            ? new ImageReference(Domain, Path, Tag, digest)
            : throw BerthException.Invalid("invalid digest format");

    /// <summary>The repository alone, without tag or digest (TrimNamed).</summary>
    public ImageReference WithoutTagOrDigest() => IsNameOnly ? this : new ImageReference(Domain, Path, null, null);

    /// <summary>Canonical form: "docker.io/library/busybox:latest", "localhost:5000/a/b@sha256:...".</summary>
    public override string ToString() => Decorate(FullName);

    public bool Equals(ImageReference? other) =>
        other is not null && Domain == other.Domain && Path == other.Path && Tag == other.Tag && Digest == other.Digest;

    public override bool Equals(object? obj) => Equals(obj as ImageReference);

    public override int GetHashCode() => HashCode.Combine(Domain, Path, Tag, Digest);

    private string Decorate(string name)
    {
        if (Tag is not null)
            name += ":" + Tag;
        if (Digest is not null)
            name += "@" + Digest;
        return name;
    }

    /// <summary>ParseNormalizedNamed; returns Docker's error text, or null on success.</summary>
    private static string? TryParseCore(string text, out ImageReference? result)
    {
        result = null;
        if (ReferenceGrammar.AnchoredIdentifier().IsMatch(text))
            return $"invalid repository name ({text}), cannot specify 64-byte hexadecimal strings";

        var (domain, remainder) = SplitDockerDomain(text);
        var tagSeparator = remainder.IndexOf(':');
        var remote = tagSeparator >= 0 ? remainder[..tagSeparator] : remainder;
        if (!string.Equals(remote.ToLowerInvariant(), remote, StringComparison.Ordinal))
            return $"invalid reference format: repository name ({remote}) must be lowercase";

        return ParseCanonical(domain + "/" + remainder, out result);
    }

    /// <summary>
    /// Decides whether the first path element is a registry: "localhost", anything with '.' or ':',
    /// or anything with uppercase (namespaces cannot have it). Docker Hub names gain "library/".
    /// </summary>
    private static (string Domain, string Remainder) SplitDockerDomain(string name)
    {
        var slash = name.IndexOf('/');
        if (slash < 0)
            return (DefaultDomain, OfficialRepoPrefix + name);

        var first = name[..slash];
        var rest = name[(slash + 1)..];
        string domain, remote;
        if (first == "localhost")
            (domain, remote) = (first, rest);
        else if (first == LegacyDefaultDomain)
            (domain, remote) = (DefaultDomain, rest);
        else if (first.IndexOfAny(['.', ':']) >= 0)
            (domain, remote) = (first, rest);
        else if (!string.Equals(first.ToLowerInvariant(), first, StringComparison.Ordinal))
            (domain, remote) = (first, rest);
        else
            (domain, remote) = (DefaultDomain, name);

        if (domain == DefaultDomain && !remote.Contains('/'))
            remote = OfficialRepoPrefix + remote;
        return (domain, remote);
    }

    /// <summary>reference.Parse on the normalised string.</summary>
    private static string? ParseCanonical(string text, out ImageReference? result)
    {
        result = null;
        var match = ReferenceGrammar.Reference().Match(text);
        if (!match.Success)
        {
            var lower = text.ToLowerInvariant();
            if (!string.Equals(lower, text, StringComparison.Ordinal) && ReferenceGrammar.Reference().IsMatch(lower))
                return "repository name must be lowercase";
            return "invalid reference format";
        }

        var name = ReferenceGrammar.AnchoredName().Match(match.Groups[1].Value);
        var domain = name.Groups[1].Value;
        var path = name.Groups[2].Value;
        if (path.Length > RepositoryNameMaxLength)
            return $"repository name must not be more than {RepositoryNameMaxLength} characters";

        var tag = match.Groups[2].Success ? match.Groups[2].Value : null;
        string? digest = null;
        if (match.Groups[3].Success)
        {
            digest = match.Groups[3].Value;
            if (DigestFormat.Validate(digest) is { } digestError)
                return digestError;
        }
        result = new ImageReference(domain, path, tag, digest);
        return null;
    }
}
