using Berth.Engine.Errors;

namespace Berth.Engine.Content;

/// <summary>
/// Content-addressed blobs under root/blobs/sha256/&lt;hex&gt; (OCI image-layout shaped). Writes go
/// through <see cref="ContentWriter"/> (verify, then atomic rename), so readers never see partial blobs.
/// </summary>
public sealed class ContentStore
{
    private readonly string _blobs;
    private readonly string _ingest;

    public ContentStore(string root)
    {
        _blobs = Path.Combine(root, "blobs", "sha256");
        _ingest = Path.Combine(root, "ingest");
        Directory.CreateDirectory(_blobs);
        Directory.CreateDirectory(_ingest);
        // Temp files left by a crash are never referenced: drop them.
        foreach (var f in Directory.EnumerateFiles(_ingest)) File.Delete(f);
    }

    public string PathOf(Digest digest) => Path.Combine(_blobs, digest.Hex);

    public bool Exists(Digest digest) => File.Exists(PathOf(digest));

    public long SizeOf(Digest digest) => new FileInfo(PathOf(digest)).Length;

    public ContentWriter CreateWriter() =>
        new(this, Path.Combine(_ingest, Guid.NewGuid().ToString("N")));

    public async Task<Digest> WriteAsync(Stream source, Digest? expected, CancellationToken ct)
    {
        using var writer = CreateWriter();
        await source.CopyToAsync(writer, 128 * 1024, ct).ConfigureAwait(false);
        return writer.Commit(expected);
    }

    public Digest WriteBytes(ReadOnlySpan<byte> data)
    {
        var digest = Digest.FromBytes(data);
        var path = PathOf(digest);
        if (File.Exists(path)) return digest;
        var temp = Path.Combine(_ingest, Guid.NewGuid().ToString("N"));
        using (var f = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            f.Write(data);
            f.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
        return digest;
    }

    public FileStream OpenRead(Digest digest)
    {
        try
        {
            return new FileStream(PathOf(digest), FileMode.Open, FileAccess.Read, FileShare.Read, 128 * 1024, FileOptions.SequentialScan);
        }
        catch (FileNotFoundException)
        {
            throw BerthException.NotFound($"blob {digest} not found");
        }
    }

    public byte[] ReadAllBytes(Digest digest)
    {
        try { return File.ReadAllBytes(PathOf(digest)); }
        catch (FileNotFoundException) { throw BerthException.NotFound($"blob {digest} not found"); }
    }

    public void Delete(Digest digest) => File.Delete(PathOf(digest));
}
