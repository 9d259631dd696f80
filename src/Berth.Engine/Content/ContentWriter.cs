using System.Security.Cryptography;
using Berth.Engine.Errors;

namespace Berth.Engine.Content;

/// <summary>
/// A blob being written: bytes go to a temp file in ingest/ and are hashed as they arrive; Commit
/// verifies the digest and renames into place, so a blob path only ever holds verified content.
/// Disposing without committing deletes the temp file.
/// </summary>
public sealed class ContentWriter : Stream
{
    private readonly ContentStore _store;
    private readonly string _tempPath;
    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _done;

    internal ContentWriter(ContentStore store, string tempPath)
    {
        _store = store;
        _tempPath = tempPath;
        _file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0);
    }

    public long Size { get; private set; }

    /// <summary>True once <see cref="Commit"/> has put a blob in the store that was not there before.</summary>
    public bool AddedBlob { get; private set; }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.AppendData(buffer);
        _file.Write(buffer);
        Size += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
    {
        _hash.AppendData(buffer.Span);
        await _file.WriteAsync(buffer, ct).ConfigureAwait(false);
        Size += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

    /// <summary>Verifies (when <paramref name="expected"/> is given) and moves the blob into the store.</summary>
    public Digest Commit(Digest? expected = null)
    {
        if (_done) throw new InvalidOperationException("content writer already finished");
        _done = true;
        _file.Flush(flushToDisk: true);
        _file.Dispose();
        var digest = Digest.FromHash(_hash);
        if (expected is { } e && e != digest)
        {
            File.Delete(_tempPath);
            throw BerthException.Invalid($"digest mismatch: expected {e}, got {digest}");
        }
        var final = _store.PathOf(digest);
        if (File.Exists(final)) File.Delete(_tempPath);
        else
        {
            File.Move(_tempPath, final);
            AddedBlob = true;
        }
        return digest;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (!_done)
            {
                _done = true;
                _file.Dispose();
                File.Delete(_tempPath);
            }
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => Size;
    public override long Position { get => Size; set => throw new NotSupportedException(); }
    public override void Flush() => _file.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
