using System.Runtime.InteropServices;

namespace Berth.Engine.Native;

/// <summary>
/// Reading extended attributes. Names come back as a NUL-separated list and values as raw bytes;
/// security.capability and ACLs are binary, so nothing here decodes them.
/// </summary>
internal static unsafe partial class Libc
{
    [LibraryImport(Lib, EntryPoint = "flistxattr", SetLastError = true)]
    public static partial nint FListXattr(int fd, byte* list, nuint size);

    [LibraryImport(Lib, EntryPoint = "fgetxattr", SetLastError = true)]
    public static partial nint FGetXattr(int fd, byte* name, byte* value, nuint size);

    [LibraryImport(Lib, EntryPoint = "llistxattr", SetLastError = true)]
    public static partial nint LListXattr(byte* path, byte* list, nuint size);
}
