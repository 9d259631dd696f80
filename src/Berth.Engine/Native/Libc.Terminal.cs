using System.Runtime.InteropServices;

namespace Berth.Engine.Native;

internal static partial class Libc
{
    public const int EIO = 5;
    private const int O_RDWR = 0x2;
    private const int O_NOCTTY = 0x100;
    private const nuint TIOCSWINSZ = 0x5414;
    private const int TCSANOW = 0;
    // glibc's struct termios on x86_64 and arm64 is 60 bytes; it is only handed back and forth.
    private const int TermiosSize = 60;

    [LibraryImport(Lib, EntryPoint = "posix_openpt", SetLastError = true)]
    private static partial int PosixOpenPt(int flags);

    [LibraryImport(Lib, EntryPoint = "grantpt", SetLastError = true)]
    private static partial int GrantPt(int fd);

    [LibraryImport(Lib, EntryPoint = "unlockpt", SetLastError = true)]
    private static partial int UnlockPt(int fd);

    [LibraryImport(Lib, EntryPoint = "ptsname_r", SetLastError = true)]
    private static unsafe partial int PtsNameR(int fd, byte* buffer, nuint length);

    [LibraryImport(Lib, EntryPoint = "ioctl", SetLastError = true)]
    private static unsafe partial int Ioctl(int fd, nuint request, void* argument);

    [LibraryImport(Lib, EntryPoint = "tcgetattr", SetLastError = true)]
    private static unsafe partial int TcGetAttr(int fd, byte* termios);

    [LibraryImport(Lib, EntryPoint = "tcsetattr", SetLastError = true)]
    private static unsafe partial int TcSetAttr(int fd, int action, byte* termios);

    [LibraryImport(Lib, EntryPoint = "cfmakeraw")]
    private static unsafe partial void CfMakeRaw(byte* termios);

    /// <summary>
    /// A new pseudo-terminal: the master stays with berthd, the slave (in raw mode, so nothing is
    /// echoed or translated twice) becomes a process's stdio. Both are close-on-exec.
    /// </summary>
    public static unsafe (int Master, int Slave) OpenPty()
    {
        var master = PosixOpenPt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (master < 0) throw Error("posix_openpt");
        try
        {
            if (GrantPt(master) != 0) throw Error("grantpt");
            if (UnlockPt(master) != 0) throw Error("unlockpt");
            var name = stackalloc byte[128];
            var rc = PtsNameR(master, name, 128);
            if (rc != 0) throw new IOException($"ptsname: {ErrnoMessage(rc)}", rc);
            var path = Marshal.PtrToStringUTF8((nint)name)!;
            var slave = Open(path, O_RDWR | O_NOCTTY | O_CLOEXEC, 0);
            if (slave < 0) throw Error($"open {path}");
            var termios = stackalloc byte[TermiosSize * 2];
            if (TcGetAttr(slave, termios) == 0)
            {
                CfMakeRaw(termios);
                TcSetAttr(slave, TCSANOW, termios);
            }
            return (master, slave);
        }
        catch
        {
            Close(master);
            throw;
        }
    }

    /// <summary>TIOCSWINSZ: the size the terminal's programs see (rows, columns).</summary>
    public static unsafe void SetWindowSize(int fd, ushort rows, ushort columns)
    {
        var size = stackalloc ushort[4];
        size[0] = rows;
        size[1] = columns;
        if (Ioctl(fd, TIOCSWINSZ, size) != 0) throw Error("ioctl TIOCSWINSZ");
    }

    private const long SYS_fcntl = 72; // x86_64
    private const int F_DUPFD_CLOEXEC = 1030;

    /// <summary>A second, close-on-exec descriptor for the same open file (one to read, one to write).</summary>
    public static int Dup(int fd)
    {
        var copy = (int)Syscall4(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 0, 0);
        if (copy < 0) throw Error("fcntl F_DUPFD_CLOEXEC");
        return copy;
    }
}
