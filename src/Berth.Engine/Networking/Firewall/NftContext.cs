using System.Runtime.InteropServices;

namespace Berth.Engine.Networking.Firewall;

/// <summary>One libnftables context, used under a lock (the library is not thread-safe per context).</summary>
public sealed class NftContext : IDisposable
{
    private readonly nint _ctx;
    private readonly Lock _lock = new();

    public NftContext()
    {
        try { _ctx = LibNftables.CtxNew(0); }
        catch (DllNotFoundException e) { throw new IOException("libnftables.so.1 is missing (Debian package libnftables1)", e); }
        if (_ctx == 0) throw new IOException("nft_ctx_new failed");
        LibNftables.BufferOutput(_ctx);
        LibNftables.BufferError(_ctx);
    }

    /// <summary>Runs an nft script as one transaction; returns its output, throws with nft's error text.</summary>
    public string Run(string script)
    {
        lock (_lock)
        {
            var rc = LibNftables.RunCmdFromBuffer(_ctx, script);
            var output = Marshal.PtrToStringUTF8(LibNftables.GetOutputBuffer(_ctx)) ?? "";
            if (rc == 0) return output;
            var error = Marshal.PtrToStringUTF8(LibNftables.GetErrorBuffer(_ctx)) ?? "";
            throw new IOException("nftables: " + error.Trim());
        }
    }

    public void Dispose()
    {
        if (_ctx != 0) LibNftables.CtxFree(_ctx);
    }
}
