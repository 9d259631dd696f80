using System.Runtime.InteropServices;

namespace Berth.Engine.Native;

/// <summary>
/// Direct system calls. Split by concept into partial files (Libc.Files.cs, Libc.Mount.cs ...);
/// every call sets errno so failures carry the system's reason.
/// </summary>
internal static partial class Libc
{
    private const string Lib = "libc";

    public static int LastErrno => Marshal.GetLastPInvokeError();

    public static string ErrnoMessage(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    /// <summary>An IOException carrying errno's text, e.g. "mkdir /x: Permission denied".</summary>
    public static IOException Error(string what)
    {
        var errno = LastErrno;
        return new IOException($"{what}: {ErrnoMessage(errno)}", errno);
    }
}
