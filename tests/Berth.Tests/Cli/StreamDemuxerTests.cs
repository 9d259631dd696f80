using System.Buffers.Binary;
using System.Text;
using Berth.Cli.Streams;
using Xunit;

namespace Berth.Tests.Cli;

public class StreamDemuxerTests
{
    private static byte[] Frame(byte stream, string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var frame = new byte[8 + payload.Length];
        frame[0] = stream;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(frame, 8);
        return frame;
    }

    /// <summary>Hands out at most a few bytes per read, so frames straddle reads.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 3)], ct);
    }

    [Fact]
    public async Task FramesAreSplitOntoStdoutAndStderr()
    {
        var input = new[] { Frame(1, "out1\n"), Frame(2, "err1\n"), Frame(1, "out2\n"), Frame(0, "in\n"), Frame(2, "") }
            .SelectMany(f => f).ToArray();
        var (stdout, stderr) = (new MemoryStream(), new MemoryStream());
        await StreamDemuxer.CopyAsync(new TrickleStream(input), stdout, stderr, tty: false);
        Assert.Equal("out1\nout2\nin\n", Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal("err1\n", Encoding.UTF8.GetString(stderr.ToArray()));
    }

    [Fact]
    public async Task TtyOutputIsCopiedRaw()
    {
        var raw = Frame(1, "not a frame for a tty"); // a TTY stream has no framing: bytes pass as they are
        var (stdout, stderr) = (new MemoryStream(), new MemoryStream());
        await StreamDemuxer.CopyAsync(new TrickleStream(raw), stdout, stderr, tty: true);
        Assert.Equal(raw, stdout.ToArray());
        Assert.Equal(0, stderr.Length);
    }

    [Fact]
    public async Task TruncatedFrameFails()
    {
        var frame = Frame(1, "hello");
        await Assert.ThrowsAsync<EndOfStreamException>(() =>
            StreamDemuxer.CopyAsync(new MemoryStream(frame[..10]), Stream.Null, Stream.Null, tty: false));
    }

    [Fact]
    public async Task SystemErrorFrameEndsTheCopy()
    {
        var ex = await Assert.ThrowsAsync<IOException>(() =>
            StreamDemuxer.CopyAsync(new MemoryStream(Frame(3, "boom")), Stream.Null, Stream.Null, tty: false));
        Assert.Contains("boom", ex.Message, StringComparison.Ordinal);
    }
}
