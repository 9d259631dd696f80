using Berth.Engine.Images;
using Berth.Api.Infrastructure;
using Berth.Protocol.Images;

namespace Berth.Api.Images;

/// <summary>Engine images → Docker's JSON shapes.</summary>
public static class ImageViews
{
    public static ImageSummary Summary(Image image, IReadOnlyList<ImageReference> tags) => new()
    {
        Id = image.Id.ToString(),
        RepoTags = tags.Select(t => t.FamiliarString).ToList(),
        RepoDigests = [],
        Created = image.Created.ToUnixTimeSeconds(),
        Size = image.Size,
        Labels = image.Config.Config?.Labels ?? new(),
    };

    public static ImageInspect Inspect(Image image, IReadOnlyList<ImageReference> tags) => new()
    {
        Id = image.Id.ToString(),
        RepoTags = tags.Select(t => t.FamiliarString).ToList(),
        RepoDigests = [],
        Comment = image.Config.Comment ?? "",
        Created = Time.Rfc3339Nano(image.Created),
        DockerVersion = image.Config.DockerVersion ?? "",
        Author = image.Config.Author ?? "",
        Config = image.Config.Config,
        Architecture = image.Config.Architecture,
        Os = image.Config.Os,
        Size = image.Size,
        RootFS = new RootFS { Layers = image.Config.RootFs.DiffIds.ToList() },
        Metadata = new ImageMetadata { LastTagTime = image.LastTagTime is { } t ? Time.Rfc3339Nano(t) : "0001-01-01T00:00:00Z" },
    };

    /// <summary>Newest first; the top entry carries the image ID and tags, the rest are &lt;missing&gt; (Docker).</summary>
    public static List<ImageHistoryItem> History(Image image, IReadOnlyList<ImageReference> tags, Func<int, long> layerSize)
    {
        var entries = image.Config.History ?? [];
        var items = new List<ImageHistoryItem>();
        var layerIndex = 0;
        foreach (var h in entries)
        {
            items.Add(new ImageHistoryItem
            {
                Created = (h.Created ?? image.Created).ToUnixTimeSeconds(),
                CreatedBy = h.CreatedBy ?? "",
                Comment = h.Comment ?? "",
                Size = h.EmptyLayer ? 0 : layerSize(layerIndex),
            });
            if (!h.EmptyLayer) layerIndex++;
        }
        if (items.Count == 0) items.Add(new ImageHistoryItem { Created = image.Created.ToUnixTimeSeconds(), Size = image.Size });
        items.Reverse();
        items[0].Id = image.Id.ToString();
        items[0].Tags = tags.Select(t => t.FamiliarString).ToList();
        return items;
    }
}
