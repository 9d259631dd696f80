using System.Formats.Tar;
using System.Text;
using System.Text.Json.Nodes;

namespace Berth.Tests.Integration.Images;

/// <summary>
/// Builds `load` input by hand, in the two shapes Docker has written over the years, and edits
/// archives `save` wrote (drop an entry) to make the odd and the broken ones.
/// </summary>
public static class ArchiveBuilder
{
    /// <summary>
    /// The docker-archive of Docker before 25: &lt;n&gt;/layer.tar, &lt;config hex&gt;.json and a
    /// manifest.json naming them. <paramref name="skip"/> leaves out entries by name.
    /// </summary>
    public static byte[] DockerArchive(IEnumerable<ArchiveImage> images, Func<string, bool>? skip = null)
    {
        var files = new List<(string Name, byte[] Data)>();
        var manifest = new JsonArray();
        var layerNumber = 0;
        foreach (var image in images)
        {
            var layerNames = new JsonArray();
            foreach (var layer in image.Layers)
            {
                var dir = $"layer{layerNumber++:D2}";
                files.Add((dir + "/VERSION", "1.0"u8.ToArray()));
                files.Add((dir + "/layer.tar", layer));
                layerNames.Add(dir + "/layer.tar");
            }
            var configName = image.Id["sha256:".Length..] + ".json";
            files.Add((configName, image.Config));
            manifest.Add(new JsonObject
            {
                ["Config"] = configName,
                ["RepoTags"] = new JsonArray(image.RepoTags.Select(t => (JsonNode?)t).ToArray()),
                ["Layers"] = layerNames,
            });
        }
        files.Add(("manifest.json", Encoding.UTF8.GetBytes(manifest.ToJsonString())));
        return Tar(files.Where(f => skip?.Invoke(f.Name) != true));
    }

    /// <summary>
    /// An OCI image layout only (oci-layout, index.json, blobs/sha256/…), no manifest.json.
    /// <paramref name="skip"/> leaves out entries by name.
    /// </summary>
    public static byte[] OciLayout(IEnumerable<ArchiveImage> images, Func<string, bool>? skip = null)
    {
        var blobs = new Dictionary<string, byte[]>();
        var index = new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = "application/vnd.oci.image.index.v1+json", ["manifests"] = new JsonArray() };
        foreach (var image in images)
        {
            var layers = new JsonArray();
            foreach (var layer in image.Layers)
            {
                blobs[LayerTars.Digest(layer)] = layer;
                layers.Add(Descriptor(ArchiveImage.IsGzip(layer) ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.oci.image.layer.v1.tar", layer));
            }
            blobs[image.Id] = image.Config;
            var manifest = Encoding.UTF8.GetBytes(new JsonObject
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
                ["config"] = Descriptor("application/vnd.oci.image.config.v1+json", image.Config),
                ["layers"] = layers,
            }.ToJsonString());
            blobs[LayerTars.Digest(manifest)] = manifest;
            foreach (var tag in image.RepoTags)
            {
                var descriptor = Descriptor("application/vnd.oci.image.manifest.v1+json", manifest);
                descriptor["annotations"] = new JsonObject
                {
                    ["io.containerd.image.name"] = tag.Contains('/') ? "docker.io/" + tag : "docker.io/library/" + tag,
                    ["org.opencontainers.image.ref.name"] = tag[(tag.LastIndexOf(':') + 1)..],
                };
                ((JsonArray)index["manifests"]!).Add(descriptor);
            }
        }
        var files = new List<(string Name, byte[] Data)> { ("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}"u8.ToArray()) };
        files.AddRange(blobs.Select(b => ("blobs/sha256/" + b.Key["sha256:".Length..], b.Value)));
        files.Add(("index.json", Encoding.UTF8.GetBytes(index.ToJsonString())));
        return Tar(files.Where(f => skip?.Invoke(f.Name) != true));
    }

    /// <summary>The same archive without the entries <paramref name="drop"/> picks.</summary>
    public static byte[] Without(byte[] archive, Func<string, bool> drop)
    {
        var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            using var reader = new TarReader(new MemoryStream(archive));
            while (reader.GetNextEntry(copyData: true) is { } entry)
                if (!drop(entry.Name)) writer.WriteEntry(entry);
        }
        return output.ToArray();
    }

    /// <summary>Entry names in the archive, in order.</summary>
    public static List<string> EntryNames(byte[] archive)
    {
        var names = new List<string>();
        using var reader = new TarReader(new MemoryStream(archive));
        while (reader.GetNextEntry() is { } entry) names.Add(entry.Name);
        return names;
    }

    private static JsonObject Descriptor(string mediaType, byte[] blob) =>
        new() { ["mediaType"] = mediaType, ["digest"] = LayerTars.Digest(blob), ["size"] = blob.Length };

    private static byte[] Tar(IEnumerable<(string Name, byte[] Data)> files)
    {
        var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var (name, data) in files)
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name)
                {
                    DataStream = new MemoryStream(data), Mode = (UnixFileMode)0b110_100_100, ModificationTime = DateTimeOffset.UnixEpoch,
                });
        return output.ToArray();
    }
}
