using System.Formats.Tar;
using System.Text;
using System.Text.Json;
using Berth.Engine.Content;
using Berth.Engine.Json;
using Berth.Engine.Snapshots;

namespace Berth.Engine.Images.Archive;

/// <summary>
/// `save`: writes images as Docker 25+ does — an OCI image layout (oci-layout, index.json,
/// blobs/sha256/…) that is also a docker-archive (manifest.json), so both loaders read it.
/// Blobs are streamed from the content store straight into the tar.
/// </summary>
public sealed class ImageArchiveWriter(ContentStore content, LayerStore layers, Events.EventBus events)
{
    public async Task WriteAsync(Stream output, IReadOnlyList<(Image Image, IReadOnlyList<ImageReference> Tags)> images, CancellationToken ct)
    {
        await using var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        var written = new HashSet<Digest>();
        var index = new OciIndex { MediaType = MediaTypes.OciIndex };
        var manifestJson = new List<ArchiveManifestEntry>();
        await WriteDirAsync(tar, "blobs/", ct).ConfigureAwait(false);
        await WriteDirAsync(tar, "blobs/sha256/", ct).ConfigureAwait(false);
        foreach (var (image, tags) in images)
        {
            var manifest = new OciManifest
            {
                MediaType = MediaTypes.OciManifest,
                Config = new OciDescriptor { MediaType = MediaTypes.OciConfig, Digest = image.Id.ToString(), Size = content.SizeOf(image.Id) },
            };
            var entry = new ArchiveManifestEntry { Config = BlobPath(image.Id), RepoTags = tags.Select(t => t.FamiliarString).ToList() };
            await WriteBlobAsync(tar, image.Id, written, ct).ConfigureAwait(false);
            foreach (var chainId in image.ChainIds)
            {
                var layer = layers.GetRequired(chainId);
                manifest.Layers.Add(new OciDescriptor { MediaType = layer.BlobMediaType, Digest = layer.BlobDigest.ToString(), Size = layer.BlobSize });
                entry.Layers.Add(BlobPath(layer.BlobDigest));
                await WriteBlobAsync(tar, layer.BlobDigest, written, ct).ConfigureAwait(false);
            }
            var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, EngineJson.Default.OciManifest);
            var manifestDigest = Digest.FromBytes(manifestBytes);
            if (written.Add(manifestDigest)) await WriteFileAsync(tar, BlobPath(manifestDigest), manifestBytes, ct).ConfigureAwait(false);
            var descriptor = new OciDescriptor { MediaType = MediaTypes.OciManifest, Digest = manifestDigest.ToString(), Size = manifestBytes.Length };
            if (tags.Count == 0) index.Manifests.Add(descriptor);
            foreach (var tag in tags)
                index.Manifests.Add(new OciDescriptor
                {
                    MediaType = descriptor.MediaType, Digest = descriptor.Digest, Size = descriptor.Size,
                    Annotations = new()
                    {
                        ["io.containerd.image.name"] = tag.ToString(),
                        ["org.opencontainers.image.ref.name"] = tag.Tag ?? "latest",
                    },
                });
            manifestJson.Add(entry);
        }
        await WriteFileAsync(tar, "index.json", JsonSerializer.SerializeToUtf8Bytes(index, EngineJson.Default.OciIndex), ct).ConfigureAwait(false);
        await WriteFileAsync(tar, "manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifestJson, EngineJson.Default.ListArchiveManifestEntry), ct).ConfigureAwait(false);
        await WriteFileAsync(tar, "oci-layout", Encoding.UTF8.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}"), ct).ConfigureAwait(false);
        foreach (var (image, tags) in images)
            Events.ImageEvents.Publish(events, "save", image.Id.ToString(), tags.Count > 0 ? tags[0].FamiliarString : null);
    }

    private static string BlobPath(Digest d) => "blobs/sha256/" + d.Hex;

    private async Task WriteBlobAsync(TarWriter tar, Digest digest, HashSet<Digest> written, CancellationToken ct)
    {
        if (!written.Add(digest)) return;
        await using var blob = content.OpenRead(digest);
        var entry = new PaxTarEntry(TarEntryType.RegularFile, BlobPath(digest))
        {
            DataStream = blob, Mode = (UnixFileMode)0b110_100_100, ModificationTime = DateTimeOffset.UnixEpoch,
        };
        await tar.WriteEntryAsync(entry, ct).ConfigureAwait(false);
    }

    private static async Task WriteFileAsync(TarWriter tar, string name, byte[] data, CancellationToken ct)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(data), Mode = (UnixFileMode)0b110_100_100, ModificationTime = DateTimeOffset.UnixEpoch,
        };
        await tar.WriteEntryAsync(entry, ct).ConfigureAwait(false);
    }

    private static Task WriteDirAsync(TarWriter tar, string name, CancellationToken ct) =>
        tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, name)
        {
            Mode = (UnixFileMode)0b111_101_101, ModificationTime = DateTimeOffset.UnixEpoch,
        }, ct);
}
