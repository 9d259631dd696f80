using Berth.Engine.IO;
namespace Berth.Engine.Snapshots;

/// <summary>
/// Defers choosing a decoder until the first read, so <see cref="LayerCompression.Decompress"/> does no
/// blocking I/O (request bodies in ASP.NET Core refuse synchronous reads).
/// </summary>
internal sealed class SniffingDecompressionStream(Stream input) : ForwardReadStream
{
    private Stream? _decoded;

    public override int Read(Span<byte> buffer)
    {
        if (_decoded is null)
        {
            var head = new byte[LayerCompression.SniffLength];
            var length = 0;
            int read;
            while (length < head.Length && (read = input.Read(head, length, head.Length - length)) > 0)
                length += read;
            _decoded = LayerCompression.Open(head, length, input);
        }
        return _decoded.Read(buffer);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
        _decoded is not null ? _decoded.ReadAsync(buffer, ct) : SniffThenReadAsync(buffer, ct);

    private async ValueTask<int> SniffThenReadAsync(Memory<byte> buffer, CancellationToken ct)
    {
        var head = new byte[LayerCompression.SniffLength];
        var length = 0;
        int read;
        while (length < head.Length && (read = await input.ReadAsync(head.AsMemory(length), ct).ConfigureAwait(false)) > 0)
            length += read;
        _decoded = LayerCompression.Open(head, length, input);
        return await _decoded.ReadAsync(buffer, ct).ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            (_decoded ?? input).Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await (_decoded ?? input).DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
