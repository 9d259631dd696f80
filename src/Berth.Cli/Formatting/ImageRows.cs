using System.Globalization;
using Berth.Protocol.Formatting;
using Berth.Protocol.Images;

namespace Berth.Cli.Formatting;

/// <summary>
/// Turns GET /images/json entries into `images` rows: one row per repository:tag (an image with
/// two tags shows twice), "&lt;none&gt;" for dangling images, and docker's field names.
/// </summary>
internal static class ImageRows
{
    public const string DefaultTableFormat =
        "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";

    public const string DefaultTableFormatWithDigest =
        "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";

    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["ID"] = "IMAGE ID",
        ["Repository"] = "REPOSITORY",
        ["Tag"] = "TAG",
        ["Digest"] = "DIGEST",
        ["CreatedSince"] = "CREATED",
        ["CreatedAt"] = "CREATED AT",
        ["Size"] = "SIZE",
        ["Containers"] = "CONTAINERS",
        ["VirtualSize"] = "SIZE",
        ["SharedSize"] = "SHARED SIZE",
        ["UniqueSize"] = "UNIQUE SIZE",
    };

    /// <param name="showDigests">--digests, or a format that mentions .Digest: one row per tag and digest.</param>
    public static List<IReadOnlyDictionary<string, object?>> Build(IEnumerable<ImageSummary> images, bool trunc,
        bool showDigests, DateTimeOffset now)
    {
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        foreach (var image in images)
        {
            if (IsDangling(image))
            {
                rows.Add(Row(image, "<none>", "<none>", "<none>", trunc, now));
                continue;
            }
            foreach (var (repo, tag, digest) in Expand(image, showDigests))
                rows.Add(Row(image, repo, tag, digest, trunc, now));
        }
        return rows;
    }

    // Daemons send null for empty lists, whatever the model's initialiser says.
    private static bool IsDangling(ImageSummary i) =>
        ((i.RepoTags ?? []).Count == 0 && (i.RepoDigests ?? []).Count == 0)
        || (i.RepoTags is ["<none>:<none>"] && i.RepoDigests is ["<none>@<none>"]);

    private static IEnumerable<(string Repo, string Tag, string Digest)> Expand(ImageSummary image, bool showDigests)
    {
        var tags = new Dictionary<string, List<string>>();
        var digests = new Dictionary<string, List<string>>();
        foreach (var t in image.RepoTags ?? [])
        {
            var (name, tag) = ImageReference.SplitTag(t);
            if (tag is null || name == "<none>") continue;
            Add(tags, ImageReference.Familiar(name), tag);
        }
        foreach (var d in image.RepoDigests ?? [])
        {
            var digest = ImageReference.Digest(d);
            if (digest is null) continue;
            Add(digests, ImageReference.Familiar(ImageReference.StripDigest(d)), digest);
        }
        foreach (var (repo, repoTags) in tags)
        {
            var repoDigests = digests.Remove(repo, out var ds) && showDigests ? ds : [];
            foreach (var tag in repoTags)
            {
                if (repoDigests.Count == 0) yield return (repo, tag, "<none>");
                else foreach (var d in repoDigests) yield return (repo, tag, d);
            }
        }
        // Digest-only references (pulled by digest, tag since removed).
        foreach (var (repo, ds) in digests)
        {
            if (showDigests) foreach (var d in ds) yield return (repo, "<none>", d);
            else yield return (repo, "<none>", "");
        }
    }

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }

    private static IReadOnlyDictionary<string, object?> Row(ImageSummary i, string repo, string tag, string digest,
        bool trunc, DateTimeOffset now) => new Dictionary<string, object?>
    {
        ["ID"] = trunc ? DisplayText.TruncateId(i.Id) : i.Id,
        ["Repository"] = repo,
        ["Tag"] = tag,
        ["Digest"] = digest,
        ["CreatedSince"] = i.Created == 0 ? "" : HumanUnits.HumanDuration(now - DateTimeOffset.FromUnixTimeSeconds(i.Created)) + " ago",
        ["CreatedAt"] = GoTime.UnixString(i.Created),
        ["Size"] = DisplayText.CompactSize(i.Size),
        ["Containers"] = i.Containers == -1 ? "N/A" : i.Containers.ToString(CultureInfo.InvariantCulture),
        ["VirtualSize"] = HumanUnits.HumanSize(i.Size),
        ["SharedSize"] = i.SharedSize == -1 ? "N/A" : HumanUnits.HumanSize(i.SharedSize),
        ["UniqueSize"] = i.Size == -1 || i.SharedSize == -1 ? "N/A" : HumanUnits.HumanSize(i.Size - i.SharedSize),
    };
}
