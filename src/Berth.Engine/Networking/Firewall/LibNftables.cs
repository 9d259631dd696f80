using System.Runtime.InteropServices;

namespace Berth.Engine.Networking.Firewall;

/// <summary>
/// libnftables, the library behind `nft`: a script is parsed and sent to the kernel as one netlink
/// transaction (all of it or nothing), without spawning a process.
/// </summary>
internal static partial class LibNftables
{
    private const string Lib = "libnftables.so.1";

    [LibraryImport(Lib, EntryPoint = "nft_ctx_new")]
    public static partial nint CtxNew(uint flags);

    [LibraryImport(Lib, EntryPoint = "nft_ctx_free")]
    public static partial void CtxFree(nint ctx);

    [LibraryImport(Lib, EntryPoint = "nft_ctx_buffer_output")]
    public static partial int BufferOutput(nint ctx);

    [LibraryImport(Lib, EntryPoint = "nft_ctx_buffer_error")]
    public static partial int BufferError(nint ctx);

    [LibraryImport(Lib, EntryPoint = "nft_ctx_get_error_buffer")]
    public static partial nint GetErrorBuffer(nint ctx);

    [LibraryImport(Lib, EntryPoint = "nft_ctx_get_output_buffer")]
    public static partial nint GetOutputBuffer(nint ctx);

    [LibraryImport(Lib, EntryPoint = "nft_run_cmd_from_buffer", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int RunCmdFromBuffer(nint ctx, string buffer);
}
