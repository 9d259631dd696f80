using Berth.Protocol.Streams;

namespace Berth.Cli.Streams;

/// <summary>
/// Copies a container's output stream to the CLI's stdout and stderr. Without a TTY the daemon
/// frames each write with Docker's 8-byte header telling which stream it came from; with a TTY
/// the stream is raw terminal output and goes to stdout as is.
/// </summary>
internal static class StreamDemuxer
{
    public static async Task CopyAsync(Stream source, Stream stdout, Stream stderr, bool tty, CancellationToken ct = default)
    {
        if (tty)
        {
            var buffer = new byte[32 * 1024];
            int n;
            // Flush per read: an interactive session must see output as it happens.
            while ((n = await source.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                await stdout.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
                await stdout.FlushAsync(ct).ConfigureAwait(false);
            }
            return;
        }

        var reader = new MultiplexedStreamReader(source);
        while (await reader.ReadAsync(ct).ConfigureAwait(false) is { } frame)
        {
            switch (frame.Stream)
            {
                case StdStreamType.Stdin:
                case StdStreamType.Stdout:
                    await stdout.WriteAsync(frame.Payload, ct).ConfigureAwait(false);
                    await stdout.FlushAsync(ct).ConfigureAwait(false);
                    break;
                case StdStreamType.Stderr:
                    await stderr.WriteAsync(frame.Payload, ct).ConfigureAwait(false);
                    await stderr.FlushAsync(ct).ConfigureAwait(false);
                    break;
                case StdStreamType.SystemErr:
                    // The daemon reports a failure of the stream itself this way (as docker's StdCopy).
                    throw new IOException("error from daemon in stream: " + System.Text.Encoding.UTF8.GetString(frame.Payload.Span));
                default:
                    throw new InvalidDataException($"unrecognized stream type {(byte)frame.Stream} in multiplexed output");
            }
        }
    }
}
