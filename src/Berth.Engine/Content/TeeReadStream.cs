using Berth.Engine.IO;
namespace Berth.Engine.Content;

/// <summary>
/// Copies everything read from <paramref name="inner"/> into <paramref name="copy"/>: an imported
/// layer is stored as a blob and unpacked in the same single pass over the input.
/// </summary>
public sealed class TeeReadStream(Stream inner, Stream copy) : ForwardReadStream
{
    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        copy.Write(buffer[..n]);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        var n = await inner.ReadAsync(buffer, ct).ConfigureAwait(false);
        await copy.WriteAsync(buffer[..n], ct).ConfigureAwait(false);
        return n;
    }

}
