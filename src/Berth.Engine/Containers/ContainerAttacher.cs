using System.Collections.Concurrent;
using System.Net.Sockets;
using Berth.Engine.Native;
using Berth.Engine.Runtime;
using Berth.Protocol.Streams;

namespace Berth.Engine.Containers;

/// <summary>
/// Connects clients to conmon's attach socket (SOCK_SEQPACKET; each packet's first byte says
/// 2 = stdout, 3 = stderr). An attach made before start is connected by Start between `runc create`
/// and `runc start`, so not a byte of output is missed.
/// </summary>
public sealed class ContainerAttacher
{
    private readonly ConcurrentDictionary<string, List<TaskCompletionSource<Socket?>>> _pending = new();

    /// <summary>Registers an attach to be connected when the container starts; null result = it did not start.</summary>
    public Task<Socket?> WaitForStart(string id)
    {
        var tcs = new TaskCompletionSource<Socket?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var list = _pending.GetOrAdd(id, _ => []);
        lock (list) list.Add(tcs);
        return tcs.Task;
    }

    /// <summary>Called by Start once the container exists: connects every pending attach.</summary>
    public void ConnectPending(string id, ContainerPaths paths)
    {
        if (!_pending.TryRemove(id, out var list)) return;
        lock (list)
            foreach (var tcs in list)
            {
                try { tcs.TrySetResult(Connect(paths)); }
                catch (Exception e) { tcs.TrySetException(e); }
            }
    }

    public void CancelPending(string id)
    {
        if (!_pending.TryRemove(id, out var list)) return;
        lock (list) foreach (var tcs in list) tcs.TrySetResult(null);
    }

    /// <summary>
    /// The attach socket path can exceed sun_path's 108 bytes, so connect through an O_PATH fd of the
    /// bundle dir (/proc/self/fd/N/attach), as Podman does.
    /// </summary>
    public static Socket Connect(ContainerPaths paths)
    {
        var fd = Libc.OpenPath(paths.Bundle);
        try
        {
            var socket = new Socket(AddressFamily.Unix, (SocketType)5 /* SOCK_SEQPACKET */, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint($"/proc/self/fd/{fd}/attach"));
            return socket;
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    /// <summary>Copies the container's output from the socket until the container closes it.</summary>
    public static async Task PumpAsync(Socket socket, AttachStreams streams, Func<StdStreamType, ReadOnlyMemory<byte>, ValueTask> output, CancellationToken ct)
    {
        var buffer = new byte[32 * 1024 + 1];
        while (true)
        {
            int n;
            try { n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct).ConfigureAwait(false); }
            catch (SocketException) { return; }
            if (n <= 0) return;
            var stream = buffer[0] switch { 2 => StdStreamType.Stdout, 3 => StdStreamType.Stderr, _ => (StdStreamType?)null };
            if (stream == StdStreamType.Stdout && !streams.Stdout) continue;
            if (stream == StdStreamType.Stderr && !streams.Stderr) continue;
            if (stream is { } s) await output(s, buffer.AsMemory(1, n - 1)).ConfigureAwait(false);
        }
    }

    /// <summary>Forwards a client's stdin to the container (conmon takes raw bytes).</summary>
    public static async Task PumpStdinAsync(Stream stdin, Socket socket, CancellationToken ct)
    {
        var buffer = new byte[32 * 1024];
        try
        {
            while (true)
            {
                var n = await stdin.ReadAsync(buffer, ct).ConfigureAwait(false);
                if (n <= 0) break;
                await socket.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, ct).ConfigureAwait(false);
            }
        }
        catch (IOException) { }
        catch (SocketException) { }
    }
}
