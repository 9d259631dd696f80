using System.Text.Json;
using Berth.Engine.Content;
using Berth.Engine.Errors;
using Berth.Engine.Metadata;
using Berth.Engine.Snapshots;
using Berth.Protocol.Images;
using Berth.Protocol.Json;

namespace Berth.Engine.Images;

/// <summary>
/// Images and their tags. Configs are parsed once at start-up and kept in memory; every change is
/// written to SQLite in one transaction before the in-memory view changes.
/// </summary>
public sealed class ImageStore
{
    private readonly ContentStore _content;
    private readonly LayerStore _layers;
    private readonly MetadataStore _db;
    private readonly Dictionary<Digest, Image> _images = new();
    private readonly Dictionary<string, Digest> _tags = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public ImageStore(ContentStore content, LayerStore layers, MetadataStore db)
    {
        _content = content;
        _layers = layers;
        _db = db;
        Load();
    }

    private void Load()
    {
        var rows = _db.Read(c =>
        {
            var list = new List<(string Id, string? Manifest, string? TagTime)>();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT id, manifest_digest, last_tag_time FROM images";
            using var r = cmd.ExecuteReader();
            while (r.Read()) list.Add((r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)));
            using var tags = c.CreateCommand();
            tags.CommandText = "SELECT name, image_id FROM tags";
            using var t = tags.ExecuteReader();
            while (t.Read()) _tags[t.GetString(0)] = Digest.Parse(t.GetString(1));
            return list;
        });
        foreach (var (id, manifest, tagTime) in rows)
        {
            var digest = Digest.Parse(id);
            var image = Build(digest, _content.ReadAllBytes(digest), manifest is null ? null : Digest.Parse(manifest));
            if (tagTime is not null) image.LastTagTime = DateTimeOffset.Parse(tagTime);
            _images[digest] = image;
        }
    }

    public static ImageConfigFile ParseConfig(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ProtocolJson.Default.ImageConfigFile)
                ?? throw BerthException.Invalid("invalid image config: empty");
        }
        catch (JsonException e)
        {
            throw BerthException.Invalid($"invalid image config: {e.Message}");
        }
    }

    private Image Build(Digest id, ReadOnlySpan<byte> configJson, Digest? manifest)
    {
        var config = ParseConfig(configJson);
        var diffIds = config.RootFs.DiffIds.Select(Digest.Parse).ToList();
        var chain = ChainId.ForDiffIds(diffIds);
        var size = chain.Sum(c => _layers.Get(c)?.Size ?? 0);
        return new Image { Id = id, Config = config, ChainIds = chain, ManifestDigest = manifest, Size = size };
    }

    public IReadOnlyList<Image> List()
    {
        lock (_lock) return _images.Values.ToList();
    }

    public Image? Get(Digest id)
    {
        lock (_lock) return _images.GetValueOrDefault(id);
    }

    /// <summary>The canonical references ("docker.io/library/busybox:latest") pointing at an image.</summary>
    public List<ImageReference> TagsOf(Digest id)
    {
        lock (_lock)
            return _tags.Where(t => t.Value == id).Select(t => ImageReference.Parse(t.Key)).OrderBy(r => r.ToString(), StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Docker's lookup: a name (tag defaults to latest) first, then a full or unique-prefix image ID
    /// with or without "sha256:".
    /// </summary>
    public Image Resolve(string nameOrId)
    {
        return TryResolve(nameOrId) ?? throw BerthException.NotFound($"No such image: {MissingName(nameOrId)}");
    }

    /// <summary>Docker names a missing image as it looked it up: "nosuch" → "nosuch:latest", a full ID with "sha256:".</summary>
    private static string MissingName(string nameOrId) =>
        ImageReference.IsImageId(nameOrId) ? Digest.Sha256Prefix + nameOrId
        : ImageReference.TryParse(nameOrId, out var reference) ? reference.WithDefaultTag().FamiliarString
        : nameOrId;

    /// <summary>Like <see cref="TryResolve"/> but an ambiguous prefix is simply no match.</summary>
    public Image? TryResolveQuiet(string nameOrId)
    {
        try { return TryResolve(nameOrId); }
        catch (BerthException) { return null; }
    }

    public Image? TryResolve(string nameOrId)
    {
        lock (_lock)
        {
            if (ImageReference.TryParse(nameOrId, out var reference) && reference is not null
                && _tags.TryGetValue(reference.WithDefaultTag().ToString(), out var tagged))
                return _images[tagged];
            var hex = nameOrId.StartsWith(Digest.Sha256Prefix, StringComparison.Ordinal) ? nameOrId[Digest.Sha256Prefix.Length..] : nameOrId;
            if (hex.Length == 0 || hex.Length > 64 || !hex.All(char.IsAsciiHexDigitLower)) return null;
            Image? found = null;
            foreach (var (id, image) in _images)
            {
                if (!id.Hex.StartsWith(hex, StringComparison.Ordinal)) continue;
                if (found is not null) throw BerthException.NotFound($"No such image: {nameOrId} (ambiguous prefix)");
                found = image;
            }
            return found;
        }
    }

    /// <summary>The image a tag points at, or null.</summary>
    public Image? GetByReference(ImageReference reference)
    {
        lock (_lock)
            return _tags.TryGetValue(reference.WithDefaultTag().ToString(), out var id) ? _images.GetValueOrDefault(id) : null;
    }

    /// <summary>Stores a config blob and registers the image (idempotent: same config, same image).</summary>
    public Image Register(byte[] configJson, Digest? manifestDigest)
    {
        var image = Build(Digest.FromBytes(configJson), configJson, manifestDigest);
        foreach (var chainId in image.ChainIds) _layers.GetRequired(chainId);
        lock (_lock)
        {
            if (_images.TryGetValue(image.Id, out var existing)) return existing;
            _content.WriteBytes(configJson);
            _db.Write((c, tx) => MetadataStore.Execute(c, tx,
                "INSERT INTO images(id, manifest_digest) VALUES($i, $m)",
                ("$i", image.Id.ToString()), ("$m", manifestDigest?.ToString())));
            _images[image.Id] = image;
            return image;
        }
    }

    /// <summary>`docker tag`: points the tag at the image and publishes Docker's tag event.</summary>
    public Image? Tag(Image image, ImageReference reference, Events.EventBus events)
    {
        var previous = Tag(image, reference);
        Events.ImageEvents.Publish(events, "tag", image.Id.ToString(), reference.WithDefaultTag().FamiliarString);
        return previous;
    }

    /// <summary>Points a tag at an image; returns the image the tag pointed at before, if another.</summary>
    public Image? Tag(Image image, ImageReference reference)
    {
        var name = reference.WithDefaultTag().ToString();
        var now = DateTimeOffset.UtcNow;
        lock (_lock)
        {
            _tags.TryGetValue(name, out var previous);
            _db.Write((c, tx) =>
            {
                MetadataStore.Execute(c, tx, "INSERT OR REPLACE INTO tags(name, image_id) VALUES($n, $i)", ("$n", name), ("$i", image.Id.ToString()));
                MetadataStore.Execute(c, tx, "UPDATE images SET last_tag_time=$t WHERE id=$i", ("$t", now.ToString("O")), ("$i", image.Id.ToString()));
            });
            _tags[name] = image.Id;
            image.LastTagTime = now;
            return previous != default && previous != image.Id ? _images.GetValueOrDefault(previous) : null;
        }
    }

    public bool Untag(ImageReference reference)
    {
        var name = reference.WithDefaultTag().ToString();
        lock (_lock)
        {
            if (!_tags.ContainsKey(name)) return false;
            _db.Write((c, tx) => MetadataStore.Execute(c, tx, "DELETE FROM tags WHERE name=$n", ("$n", name)));
            _tags.Remove(name);
            return true;
        }
    }

    /// <summary>
    /// Deletes an image record (and its remaining tags), then every layer no other image still uses.
    /// Returns the chain IDs of the layers removed.
    /// </summary>
    public List<Digest> Delete(Image image)
    {
        List<Layer> orphans;
        lock (_lock)
        {
            _db.Write((c, tx) =>
            {
                MetadataStore.Execute(c, tx, "DELETE FROM tags WHERE image_id=$i", ("$i", image.Id.ToString()));
                MetadataStore.Execute(c, tx, "DELETE FROM images WHERE id=$i", ("$i", image.Id.ToString()));
            });
            foreach (var name in _tags.Where(t => t.Value == image.Id).Select(t => t.Key).ToList()) _tags.Remove(name);
            _images.Remove(image.Id);
            var used = _images.Values.SelectMany(i => i.ChainIds).ToHashSet();
            orphans = image.ChainIds.Where(c => !used.Contains(c)).Select(c => _layers.Get(c)).OfType<Layer>().Reverse().ToList();
            _content.Delete(image.Id);
            if (image.ManifestDigest is { } manifest) _content.Delete(manifest);
        }
        foreach (var layer in orphans) _layers.Remove(layer);
        return orphans.Select(l => l.ChainId).ToList();
    }
}
