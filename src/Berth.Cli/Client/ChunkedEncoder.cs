using System.Text;

namespace Berth.Cli.Client;

/// <summary>Sends a stream of unknown length as an HTTP/1.1 chunked request body.</summary>
internal static class ChunkedEncoder
{
    public static async Task CopyAsync(Stream source, Stream destination, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var n = await source.ReadAsync(buffer, ct).ConfigureAwait(false);
            if (n == 0) break;
            await destination.WriteAsync(Encoding.ASCII.GetBytes($"{n:x}\r\n"), ct).ConfigureAwait(false);
            await destination.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
            await destination.WriteAsync("\r\n"u8.ToArray(), ct).ConfigureAwait(false);
        }
        await destination.WriteAsync("0\r\n\r\n"u8.ToArray(), ct).ConfigureAwait(false);
        await destination.FlushAsync(ct).ConfigureAwait(false);
    }
}
