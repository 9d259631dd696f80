using Berth.Engine.IO;
using System.Security.Cryptography;

namespace Berth.Engine.Content;

/// <summary>
/// A forward-only read stream that hashes (and counts) every byte read through it, so a digest is
/// computed while data streams to its consumer instead of in a second pass.
/// </summary>
public sealed class HashingReadStream(Stream inner, bool leaveOpen = false) : ForwardReadStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long BytesRead { get; private set; }

    /// <summary>Reads the rest of the inner stream (e.g. a tar's trailing padding) so the digest covers it all.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        var buffer = new byte[81920];
        while (await ReadAsync(buffer, ct).ConfigureAwait(false) > 0) { }
    }

    public Digest GetDigest() => Digest.FromHash(_hash);

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Account(buffer[..n]);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        var n = await inner.ReadAsync(buffer, ct).ConfigureAwait(false);
        Account(buffer.Span[..n]);
        return n;
    }

    private void Account(ReadOnlySpan<byte> data)
    {
        _hash.AppendData(data);
        BytesRead += data.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            if (!leaveOpen) inner.Dispose();
        }
        base.Dispose(disposing);
    }

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
}
