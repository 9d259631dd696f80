namespace Berth.Engine.Native;

internal static partial class Libc
{
    private const int O_PATH = 0x200000;

    /// <summary>An O_PATH descriptor of a directory (a handle, not an open for I/O).</summary>
    public static int OpenPath(string path)
    {
        var fd = Open(path, O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
        if (fd < 0) throw Error($"open {path}");
        return fd;
    }
}
