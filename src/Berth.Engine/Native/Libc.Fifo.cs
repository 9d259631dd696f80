using System.Runtime.InteropServices;

namespace Berth.Engine.Native;

internal static partial class Libc
{
    private const nuint FIONREAD = 0x541B;

    [LibraryImport(Lib, EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint Write(int fd, byte* buffer, nint count);

    /// <summary>Opens a fifo for writing without blocking; fails (ENXIO) when no reader has it open.</summary>
    public static int OpenFifoForWrite(string path)
    {
        var fd = Open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC, 0);
        if (fd < 0) throw Error($"open {path}");
        return fd;
    }

    /// <summary>One write(2) of the whole buffer: at most PIPE_BUF bytes reach a fifo's reader in one piece.</summary>
    public static unsafe void WriteOnce(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            nint n;
            do n = Write(fd, p, data.Length);
            while (n < 0 && LastErrno == EINTR);
            if (n < 0) throw Error("write");
            if (n != data.Length) throw new IOException($"short write ({n} of {data.Length} bytes)");
        }
    }

    /// <summary>FIONREAD: the bytes written to a pipe or fifo that its reader has not read yet.</summary>
    public static unsafe int BytesUnread(int fd)
    {
        int count;
        return Ioctl(fd, FIONREAD, &count) == 0 ? count : throw Error("ioctl FIONREAD");
    }
}
