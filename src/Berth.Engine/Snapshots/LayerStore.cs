using System.Collections.Concurrent;
using Berth.Engine.Content;
using Berth.Engine.Errors;
using Berth.Engine.Metadata;

namespace Berth.Engine.Snapshots;

/// <summary>
/// Read-only layer snapshots: root/&lt;chain hex&gt;/fs holds the unpacked layer (overlayfs whiteouts),
/// root/l/&lt;link&gt; is a short symlink to it so long lowerdir lists fit in one mount(2) call.
/// A layer is unpacked into a temp dir and renamed into place before its row is written.
/// </summary>
public sealed class LayerStore
{
    private readonly string _root;
    private readonly ContentStore _content;
    private readonly MetadataStore _db;
    private readonly ConcurrentDictionary<Digest, Layer> _layers = new();
    private readonly Lock _commitLock = new();

    public LayerStore(string root, ContentStore content, MetadataStore db)
    {
        _root = root;
        _content = content;
        _db = db;
        Directory.CreateDirectory(Path.Combine(root, "l"));
        foreach (var dir in Directory.EnumerateDirectories(root, "tmp-*")) Directory.Delete(dir, true);
        Load();
        SweepOrphans();
    }

    /// <summary>A crash between a snapshot's rename and its row leaves a directory no row names: drop it.</summary>
    private void SweepOrphans()
    {
        foreach (var dir in Directory.EnumerateDirectories(_root))
        {
            var name = Path.GetFileName(dir);
            if (Digest.IsHex64(name) && !_layers.ContainsKey(new Digest(name))) TryDelete(dir);
        }
        var links = _layers.Values.Select(l => l.Link).ToHashSet();
        foreach (var link in Directory.EnumerateFileSystemEntries(Path.Combine(_root, "l")))
            if (!links.Contains(Path.GetFileName(link))) File.Delete(link);
    }

    private void Load()
    {
        _db.Read(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT chain_id, diff_id, parent, blob_digest, blob_media_type, blob_size, size, link FROM layers";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var layer = new Layer(Digest.Parse(r.GetString(0)), Digest.Parse(r.GetString(1)),
                    r.IsDBNull(2) ? null : Digest.Parse(r.GetString(2)), Digest.Parse(r.GetString(3)),
                    r.GetString(4), r.GetInt64(5), r.GetInt64(6), r.GetString(7));
                _layers[layer.ChainId] = layer;
            }
            return 0;
        });
    }

    public IReadOnlyCollection<Layer> All => (IReadOnlyCollection<Layer>)_layers.Values;

    public Layer? Get(Digest chainId) => _layers.GetValueOrDefault(chainId);

    public Layer GetRequired(Digest chainId) =>
        Get(chainId) ?? throw BerthException.NotFound($"layer {chainId} not found");

    public string FsPath(Layer layer) => Path.Combine(_root, layer.ChainId.Hex, "fs");

    public string LinkPath(Layer layer) => Path.Combine(_root, "l", layer.Link);

    /// <summary>Layers from the bottom up to <paramref name="top"/>.</summary>
    public List<Layer> Chain(Digest top)
    {
        var chain = new List<Layer>();
        for (Digest? id = top; id is { } cur;)
        {
            var layer = GetRequired(cur);
            chain.Add(layer);
            id = layer.Parent;
        }
        chain.Reverse();
        return chain;
    }

    /// <summary>
    /// Stores <paramref name="blob"/> (tar, tar.gz or tar.zst) as a content blob and unpacks it on top
    /// of <paramref name="parent"/> in one pass. The diff ID (sha256 of the uncompressed tar) is checked
    /// against <paramref name="expectedDiffId"/> when given; any failure leaves no trace.
    /// </summary>
    public async Task<Layer> ApplyAsync(Digest? parent, Stream blob, Digest? expectedBlobDigest, Digest? expectedDiffId, CancellationToken ct)
    {
        using var writer = _content.CreateWriter();
        var tee = new TeeReadStream(blob, writer);
        var (tempDir, diffId, size) = await UnpackToTempAsync(tee, expectedDiffId, ct).ConfigureAwait(false);
        Digest? blobDigest = null;
        try
        {
            // Whatever the decompressor left unread (trailing padding) still belongs to the blob.
            await tee.CopyToAsync(Stream.Null, ct).ConfigureAwait(false);
            blobDigest = writer.Commit(expectedBlobDigest);
            var head = ReadHead(blobDigest.Value);
            var layer = Commit(parent, diffId, size, blobDigest.Value, MediaTypes.LayerTypeFor(head), writer.Size, tempDir);
            // The same layer already stored from another blob (say the gzip of an imported tar): the
            // new blob backs nothing, and would otherwise stay on disk after the image is gone.
            if (layer.BlobDigest != blobDigest) DropIfUnused(writer, blobDigest.Value);
            return layer;
        }
        catch
        {
            TryDelete(tempDir);
            if (blobDigest is { } written) DropIfUnused(writer, written);
            throw;
        }
    }

    private void DropIfUnused(ContentWriter writer, Digest blob)
    {
        lock (_commitLock)
            if (writer.AddedBlob && !_layers.Values.Any(l => l.BlobDigest == blob)) _content.Delete(blob);
    }

    /// <summary>Unpacks a blob already in the content store (image load).</summary>
    public async Task<Layer> ApplyBlobAsync(Digest? parent, Digest blobDigest, Digest? expectedDiffId, CancellationToken ct)
    {
        string tempDir;
        Digest diffId;
        long size;
        await using (var blob = _content.OpenRead(blobDigest))
            (tempDir, diffId, size) = await UnpackToTempAsync(blob, expectedDiffId, ct).ConfigureAwait(false);
        try
        {
            return Commit(parent, diffId, size, blobDigest, MediaTypes.LayerTypeFor(ReadHead(blobDigest)),
                _content.SizeOf(blobDigest), tempDir);
        }
        catch
        {
            TryDelete(tempDir);
            throw;
        }
    }

    private async Task<(string TempDir, Digest DiffId, long Size)> UnpackToTempAsync(Stream raw, Digest? expectedDiffId, CancellationToken ct)
    {
        var tempDir = Path.Combine(_root, "tmp-" + Guid.NewGuid().ToString("N"));
        var fs = Path.Combine(tempDir, "fs");
        Directory.CreateDirectory(fs);
        try
        {
            await using var decompressed = LayerCompression.Decompress(raw);
            await using var hashing = new HashingReadStream(decompressed, leaveOpen: true);
            var result = await LayerUnpacker.UnpackAsync(hashing, fs, ct).ConfigureAwait(false);
            await hashing.DrainAsync(ct).ConfigureAwait(false);
            var diffId = hashing.GetDigest();
            if (expectedDiffId is { } e && e != diffId)
                throw BerthException.Invalid($"layer content does not match its diff ID: expected {e}, got {diffId}");
            return (tempDir, diffId, result.Size);
        }
        catch
        {
            TryDelete(tempDir);
            throw;
        }
    }

    private Layer Commit(Digest? parent, Digest diffId, long size, Digest blobDigest, string mediaType, long blobSize, string tempDir)
    {
        var chainId = ChainId.Of(parent, diffId);
        lock (_commitLock)
        {
            if (_layers.TryGetValue(chainId, out var existing))
            {
                TryDelete(tempDir);
                return existing;
            }
            var layer = new Layer(chainId, diffId, parent, blobDigest, mediaType, blobSize, size, chainId.Hex[..26]);
            var finalDir = Path.Combine(_root, chainId.Hex);
            TryDelete(finalDir);
            Directory.Move(tempDir, finalDir);
            var link = LinkPath(layer);
            if (File.Exists(link) || Directory.Exists(link)) File.Delete(link);
            File.CreateSymbolicLink(link, Path.Combine("..", chainId.Hex, "fs"));
            _db.Write((c, tx) => MetadataStore.Execute(c, tx,
                "INSERT INTO layers(chain_id, diff_id, parent, blob_digest, blob_media_type, blob_size, size, link) VALUES($c,$d,$p,$b,$m,$bs,$s,$l)",
                ("$c", chainId.ToString()), ("$d", diffId.ToString()), ("$p", parent?.ToString()),
                ("$b", blobDigest.ToString()), ("$m", mediaType), ("$bs", blobSize), ("$s", size), ("$l", layer.Link)));
            _layers[chainId] = layer;
            return layer;
        }
    }

    /// <summary>Removes a layer nobody references any more: its row first, then its files and blob.</summary>
    public void Remove(Layer layer)
    {
        lock (_commitLock)
        {
            _db.Write((c, tx) => MetadataStore.Execute(c, tx, "DELETE FROM layers WHERE chain_id=$c", ("$c", layer.ChainId.ToString())));
            _layers.TryRemove(layer.ChainId, out _);
            File.Delete(LinkPath(layer));
            TryDelete(Path.Combine(_root, layer.ChainId.Hex));
            if (!_layers.Values.Any(l => l.BlobDigest == layer.BlobDigest)) _content.Delete(layer.BlobDigest);
        }
    }

    private byte[] ReadHead(Digest blob)
    {
        using var f = _content.OpenRead(blob);
        var head = new byte[4];
        var n = f.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        return head[..n];
    }

    private static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

}
