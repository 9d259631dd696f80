using System.Runtime.InteropServices;

namespace Berth.Cli.Streams;

/// <summary>
/// Puts the CLI's stdin terminal in raw mode for an interactive TTY session (keys go to the
/// container as typed, ^C included) and restores the saved settings when disposed, as docker does.
/// </summary>
internal sealed partial class RawTerminal : IDisposable
{
    private const int StdinFd = 0;
    private const int TCSANOW = 0;
    // glibc's struct termios is 60 bytes; it is only saved and handed back.
    private const int TermiosSize = 64;
    private readonly byte[] _saved;

    private RawTerminal(byte[] saved) => _saved = saved;

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static unsafe partial int TcGetAttr(int fd, byte* termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static unsafe partial int TcSetAttr(int fd, int action, byte* termios);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static unsafe partial int Ioctl(int fd, nuint request, void* argument);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    private static unsafe partial void CfMakeRaw(byte* termios);

    /// <summary>Raw mode on stdin, or null when stdin is not a terminal.</summary>
    public static unsafe RawTerminal? Enter()
    {
        var saved = new byte[TermiosSize];
        var raw = stackalloc byte[TermiosSize];
        fixed (byte* s = saved)
        {
            if (TcGetAttr(StdinFd, s) != 0) return null;
            new ReadOnlySpan<byte>(s, TermiosSize).CopyTo(new Span<byte>(raw, TermiosSize));
        }
        CfMakeRaw(raw);
        return TcSetAttr(StdinFd, TCSANOW, raw) == 0 ? new RawTerminal(saved) : null;
    }

    public unsafe void Dispose()
    {
        fixed (byte* s = _saved) TcSetAttr(StdinFd, TCSANOW, s);
    }

    /// <summary>
    /// The size of the terminal on stdout as [rows, columns] (TIOCGWINSZ), or [0, 0]. Asked of the
    /// kernel directly: System.Console would first write terminfo's keypad string to the terminal.
    /// </summary>
    public static unsafe int[] Size()
    {
        var size = stackalloc ushort[4];
        return Ioctl(1, 0x5413 /* TIOCGWINSZ */, size) == 0 ? [size[0], size[1]] : [0, 0];
    }

    /// <summary>
    /// Stdin as plain reads of fd 0. Console's own stream for a terminal stdin edits lines and
    /// echoes (and first writes terminfo's keypad string), which an interactive TTY session must not.
    /// </summary>
    public static Stream OpenStdin() => new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(StdinFd, ownsHandle: false), FileAccess.Read, bufferSize: 0);
}
