using System.Formats.Tar;
using System.Text.Json;
using Berth.Engine.Content;
using Berth.Engine.Errors;
using Berth.Engine.Json;
using Berth.Engine.Snapshots;

namespace Berth.Engine.Images.Archive;

/// <summary>
/// `load`: reads a docker-archive (manifest.json; legacy &lt;id&gt;/layer.tar or blobs/) or an OCI image
/// layout (index.json) from a forward-only stream. Blobs go straight into the content store as they
/// pass (digest verified), metadata files are kept in memory, then layers are unpacked from the store.
/// A failure removes every blob and layer this load added, so a bad archive changes nothing.
/// </summary>
public sealed class ImageArchiveReader(ContentStore content, LayerStore layers, ImageStore images, Events.EventBus events)
{
    private const long MaxMetadataSize = 16 * 1024 * 1024;

    public sealed record LoadedImage(Image Image, IReadOnlyList<ImageReference> Tags);

    private sealed record ImageToLoad(Digest Config, IReadOnlyList<Digest> Layers, IReadOnlyList<ImageReference> Tags);

    public async Task<List<LoadedImage>> LoadAsync(Stream input, CancellationToken ct)
    {
        var newBlobs = new List<Digest>();
        var layersBefore = layers.All.Select(l => l.ChainId).ToHashSet();
        try
        {
            var (files, blobsByName) = await ReadEntriesAsync(input, newBlobs, ct).ConfigureAwait(false);
            var plan = files.TryGetValue("manifest.json", out var manifestJson)
                ? FromDockerManifest(manifestJson, files, blobsByName, newBlobs)
                : files.TryGetValue("index.json", out var indexJson)
                    ? FromOciIndex(indexJson)
                    : throw BerthException.Invalid("invalid archive: it has neither manifest.json nor index.json");
            // Every image's layers first, then the images: one bad image in the archive leaves no other behind.
            var configs = new List<byte[]>();
            foreach (var item in plan) configs.Add(await UnpackLayersAsync(item, ct).ConfigureAwait(false));
            var loaded = plan.Select((item, i) => Register(item, configs[i])).ToList();
            // Manifests, and layer blobs of layers already stored, back nothing once the images are in.
            DropUnreferenced(newBlobs);
            foreach (var item in loaded)
                Events.ImageEvents.Publish(events, "load", item.Image.Id.ToString(), item.Tags.Count > 0 ? item.Tags[0].FamiliarString : null);
            return loaded;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Rollback(newBlobs, layersBefore);
            throw e switch
            {
                BerthException => e,
                EndOfStreamException => BerthException.Invalid("invalid archive: unexpected EOF"),
                InvalidDataException or FormatException or JsonException =>
                    BerthException.Invalid($"invalid archive: {e.Message}"),
                _ => e,
            };
        }
        catch (OperationCanceledException)
        {
            Rollback(newBlobs, layersBefore);
            throw;
        }
    }

    private async Task<(Dictionary<string, byte[]> Files, Dictionary<string, Digest> Blobs)> ReadEntriesAsync(Stream input, List<Digest> newBlobs, CancellationToken ct)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var blobs = new Dictionary<string, Digest>(StringComparer.Ordinal);
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new TarReader(input, leaveOpen: true);
        var sawEntry = false;
        while (await NextEntryAsync(reader, ct).ConfigureAwait(false) is { } entry)
        {
            sawEntry = true;
            var name = Normalize(entry.Name);
            switch (entry.EntryType)
            {
                case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                    links[name] = entry.EntryType == TarEntryType.HardLink
                        ? Normalize(entry.LinkName)
                        : Normalize(Path.Combine(Path.GetDirectoryName(name) ?? "", entry.LinkName));
                    continue;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile when entry.DataStream is not null:
                    break;
                default:
                    continue;
            }
            if (name.StartsWith("blobs/sha256/", StringComparison.Ordinal))
            {
                var expected = Digest.Parse("sha256:" + name["blobs/sha256/".Length..]);
                blobs[name] = await StoreBlobAsync(entry, expected, newBlobs, ct).ConfigureAwait(false);
            }
            else if (name.EndsWith("/layer.tar", StringComparison.Ordinal) || name.EndsWith(".tar", StringComparison.Ordinal))
            {
                blobs[name] = await StoreBlobAsync(entry, null, newBlobs, ct).ConfigureAwait(false);
            }
            else if (entry.Length <= MaxMetadataSize)
            {
                var data = new byte[entry.Length];
                await entry.DataStream!.ReadExactlyAsync(data, ct).ConfigureAwait(false);
                files[name] = data;
            }
        }
        if (!sawEntry) throw BerthException.Invalid("invalid archive: empty or not a tar file");
        foreach (var (link, target) in links)
        {
            if (blobs.TryGetValue(target, out var d)) blobs[link] = d;
            else if (files.TryGetValue(target, out var f)) files[link] = f;
        }
        return (files, blobs);
    }

    /// <summary>The next entry, with the tar reader's own exceptions turned into messages a user can act on.</summary>
    private static async Task<System.Formats.Tar.TarEntry?> NextEntryAsync(TarReader reader, CancellationToken ct)
    {
        try
        {
            return await reader.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false);
        }
        catch (EndOfStreamException)
        {
            throw BerthException.Invalid("invalid archive: unexpected EOF");
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            throw BerthException.Invalid("invalid archive: invalid tar header");
        }
    }

    /// <summary>
    /// Streams an entry into the content store. A cut-off archive yields fewer bytes than the header
    /// promised without any error from the tar reader, so that is checked here, before the digest.
    /// </summary>
    private async Task<Digest> StoreBlobAsync(System.Formats.Tar.TarEntry entry, Digest? expected, List<Digest> newBlobs, CancellationToken ct)
    {
        using var writer = content.CreateWriter();
        await entry.DataStream!.CopyToAsync(writer, 128 * 1024, ct).ConfigureAwait(false);
        if (writer.Size != entry.Length) throw BerthException.Invalid("invalid archive: unexpected EOF");
        var digest = writer.Commit(expected);
        if (writer.AddedBlob) newBlobs.Add(digest);
        return digest;
    }

    private static string Normalize(string name)
    {
        var parts = new List<string>();
        foreach (var p in name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (p == ".") continue;
            if (p == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); continue; }
            parts.Add(p);
        }
        return string.Join('/', parts);
    }

    private List<ImageToLoad> FromDockerManifest(byte[] json, Dictionary<string, byte[]> files, Dictionary<string, Digest> blobs, List<Digest> newBlobs)
    {
        var entries = JsonSerializer.Deserialize(json, EngineJson.Default.ListArchiveManifestEntry)
            ?? throw BerthException.Invalid("invalid archive: empty manifest.json");
        var plan = new List<ImageToLoad>();
        foreach (var e in entries)
        {
            var configName = Normalize(e.Config);
            Digest config;
            if (blobs.TryGetValue(configName, out var cd)) config = cd;
            else if (files.TryGetValue(configName, out var configBytes))
            {
                var existed = content.Exists(Digest.FromBytes(configBytes));
                config = content.WriteBytes(configBytes);
                if (!existed) newBlobs.Add(config);
            }
            else throw BerthException.Invalid($"invalid archive: config {e.Config} is missing");
            var layerDigests = e.Layers.Select(l => blobs.TryGetValue(Normalize(l), out var d)
                ? d : throw BerthException.Invalid($"invalid archive: layer {l} is missing")).ToList();
            plan.Add(new ImageToLoad(config, layerDigests, (e.RepoTags ?? []).Select(ImageReference.Parse).ToList()));
        }
        return plan;
    }

    private List<ImageToLoad> FromOciIndex(byte[] json)
    {
        var index = JsonSerializer.Deserialize(json, EngineJson.Default.OciIndex)
            ?? throw BerthException.Invalid("invalid archive: empty index.json");
        var plan = new Dictionary<Digest, (Digest Config, List<Digest> Layers, List<ImageReference> Tags)>();
        foreach (var descriptor in index.Manifests) AddManifest(descriptor, plan, depth: 0);
        return plan.Values.Select(p => new ImageToLoad(p.Config, p.Layers, p.Tags)).ToList();
    }

    private void AddManifest(OciDescriptor descriptor, Dictionary<Digest, (Digest Config, List<Digest> Layers, List<ImageReference> Tags)> plan, int depth)
    {
        if (depth > 4) throw BerthException.Invalid("invalid archive: index nesting too deep");
        var digest = Digest.Parse(descriptor.Digest);
        if (!content.Exists(digest)) throw BerthException.Invalid($"invalid archive: blob {digest} is missing");
        var bytes = content.ReadAllBytes(digest);
        if (descriptor.MediaType is MediaTypes.OciIndex or MediaTypes.DockerManifestList)
        {
            var nested = JsonSerializer.Deserialize(bytes, EngineJson.Default.OciIndex)!;
            // A multi-platform index: take the linux/amd64 image (the only platform this host runs).
            foreach (var m in nested.Manifests.Take(1)) AddManifest(WithAnnotations(m, descriptor.Annotations), plan, depth + 1);
            return;
        }
        var manifest = JsonSerializer.Deserialize(bytes, EngineJson.Default.OciManifest)
            ?? throw BerthException.Invalid($"invalid archive: manifest {digest} is empty");
        if (!plan.TryGetValue(digest, out var item))
        {
            item = (Digest.Parse(manifest.Config.Digest), manifest.Layers.Select(l => Digest.Parse(l.Digest)).ToList(), []);
            plan[digest] = item;
        }
        var name = descriptor.Annotations?.GetValueOrDefault("io.containerd.image.name");
        if (name is null && descriptor.Annotations?.GetValueOrDefault("org.opencontainers.image.ref.name") is { } refName && refName.Contains(':'))
            name = refName;
        if (name is not null && ImageReference.TryParse(name, out var reference) && reference is not null) item.Tags.Add(reference);
    }

    private static OciDescriptor WithAnnotations(OciDescriptor d, Dictionary<string, string>? annotations) =>
        new() { MediaType = d.MediaType, Digest = d.Digest, Size = d.Size, Annotations = annotations ?? d.Annotations };

    /// <summary>Checks an image's config and unpacks the layers not stored yet; returns the config.</summary>
    private async Task<byte[]> UnpackLayersAsync(ImageToLoad item, CancellationToken ct)
    {
        if (!content.Exists(item.Config)) throw BerthException.Invalid($"invalid archive: config blob {item.Config} is missing");
        var configBytes = content.ReadAllBytes(item.Config);
        var config = ImageStore.ParseConfig(configBytes);
        var diffIds = config.RootFs.DiffIds.Select(Digest.Parse).ToList();
        if (diffIds.Count != item.Layers.Count)
            throw BerthException.Invalid($"invalid archive: image config lists {diffIds.Count} layers but the manifest has {item.Layers.Count}");
        Digest? parent = null;
        for (var i = 0; i < diffIds.Count; i++)
        {
            var chainId = ChainId.Of(parent, diffIds[i]);
            if (layers.Get(chainId) is null)
            {
                if (!content.Exists(item.Layers[i])) throw BerthException.Invalid($"invalid archive: layer blob {item.Layers[i]} is missing");
                await layers.ApplyBlobAsync(parent, item.Layers[i], diffIds[i], ct).ConfigureAwait(false);
            }
            parent = chainId;
        }
        return configBytes;
    }

    private LoadedImage Register(ImageToLoad item, byte[] configBytes)
    {
        var image = images.Register(configBytes, null);
        foreach (var tag in item.Tags) images.Tag(image, tag);
        return new LoadedImage(image, item.Tags);
    }

    private void Rollback(List<Digest> newBlobs, HashSet<Digest> layersBefore)
    {
        var usedByImages = images.List().SelectMany(i => i.ChainIds).ToHashSet();
        foreach (var layer in layers.All.Where(l => !layersBefore.Contains(l.ChainId) && !usedByImages.Contains(l.ChainId)).ToList())
            layers.Remove(layer);
        DropUnreferenced(newBlobs);
    }

    private void DropUnreferenced(List<Digest> newBlobs)
    {
        var keep = layers.All.Select(l => l.BlobDigest).Concat(images.List().Select(i => i.Id)).ToHashSet();
        foreach (var blob in newBlobs.Where(b => !keep.Contains(b))) content.Delete(blob);
    }
}
