using System.Text.Json;
using Berth.Engine.Snapshots;
using Berth.Protocol.Containers;
using Berth.Protocol.Images;
using Berth.Protocol.Json;

namespace Berth.Engine.Images;

/// <summary>
/// `import`: one rootfs tarball (plain, gzip or zstd) becomes a single-layer image, streamed once into
/// the content store and the snapshot at the same time.
/// </summary>
public sealed class ImageImporter(LayerStore layers, ImageStore images, Events.EventBus events)
{
    public async Task<Image> ImportAsync(Stream tar, ImageReference? tag, IReadOnlyList<string> changes, string? message, string source, CancellationToken ct)
    {
        var config = new ContainerConfig();
        ImageConfigChanges.Apply(config, changes);
        var layer = await layers.ApplyAsync(null, tar, null, null, ct).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        var file = new ImageConfigFile
        {
            Created = now,
            Comment = string.IsNullOrEmpty(message) ? "Imported from " + source : message,
            Config = config,
            RootFs = new ImageRootFs { DiffIds = [layer.DiffId.ToString()] },
            History = [new HistoryEntry { Created = now, CreatedBy = "", Comment = string.IsNullOrEmpty(message) ? "Imported from " + source : message }],
        };
        var image = images.Register(JsonSerializer.SerializeToUtf8Bytes(file, ProtocolJson.Default.ImageConfigFile), null);
        if (tag is not null) images.Tag(image, tag);
        Events.ImageEvents.Publish(events, "import", image.Id.ToString(), tag?.FamiliarString);
        return image;
    }
}
