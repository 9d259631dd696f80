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

    /// <summary>
    /// Runs one attach over a connected socket until it ends, with Docker's rules for the client's
    /// input: its bytes go to the container as they come (a TTY session watches them for the detach
    /// keys, which end the attach and are never delivered). When the input ends, a StdinOnce
    /// container without a TTY gets EOF on its stdin (the socket's write side is shut down, which
    /// conmon answers by closing the stdin pipe) and its output keeps flowing until it closes;
    /// otherwise the attach ends there and the container's stdin stays open for the next one.
    /// </summary>
    public static async Task<AttachEnd> RunAsync(Socket socket, AttachStreams streams, Stream? input, AttachInput rules,
        Func<StdStreamType, ReadOnlyMemory<byte>, ValueTask> output, CancellationToken ct)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var outputDone = PumpAsync(socket, streams, output, session.Token);
        if (input is null)
        {
            await outputDone.ConfigureAwait(false);
            return AttachEnd.OutputClosed;
        }
        var inputDone = PumpInputAsync(input, socket, rules.Tty ? rules.DetachKeys : null, session.Token);
        try
        {
            if (await Task.WhenAny(outputDone, inputDone).ConfigureAwait(false) == outputDone)
            {
                await outputDone.ConfigureAwait(false);
                return AttachEnd.OutputClosed;
            }
            if (await inputDone.ConfigureAwait(false) == AttachEnd.Detached) return AttachEnd.Detached;
            if (rules.StdinOnce && !rules.Tty)
            {
                try { socket.Shutdown(SocketShutdown.Send); }
                catch (SocketException) { }
                await outputDone.ConfigureAwait(false);
                return AttachEnd.OutputClosed;
            }
            return AttachEnd.InputClosed;
        }
        finally
        {
            await session.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(outputDone, inputDone).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    /// <summary>Copies the container's output from the socket until the container closes it.</summary>
    private static async Task PumpAsync(Socket socket, AttachStreams streams, Func<StdStreamType, ReadOnlyMemory<byte>, ValueTask> output, CancellationToken ct)
    {
        var buffer = new byte[32 * 1024 + 1];
        while (true)
        {
            int n;
            try { n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct).ConfigureAwait(false); }
            catch (Exception e) when (e is SocketException or OperationCanceledException) { return; }
            if (n <= 0) return;
            var stream = buffer[0] switch { 2 => StdStreamType.Stdout, 3 => StdStreamType.Stderr, _ => (StdStreamType?)null };
            if (stream == StdStreamType.Stdout && !streams.Stdout) continue;
            if (stream == StdStreamType.Stderr && !streams.Stderr) continue;
            if (stream is { } s) await output(s, buffer.AsMemory(1, n - 1)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Forwards a client's input to the container (conmon takes raw bytes, one packet of at most
    /// 32 KiB at a time); <see cref="AttachEnd.InputClosed"/> at its end or when it fails.
    /// </summary>
    private static async Task<AttachEnd> PumpInputAsync(Stream input, Socket socket, DetachKeys? detachKeys, CancellationToken ct)
    {
        var buffer = new byte[32 * 1024];
        var filtered = new List<byte>();
        try
        {
            int n;
            while ((n = await input.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                var data = buffer.AsMemory(0, n);
                var detach = false;
                if (detachKeys is not null)
                {
                    filtered.Clear();
                    detach = detachKeys.Filter(data.Span, filtered);
                    data = filtered.ToArray();
                }
                if (data.Length > 0) await socket.SendAsync(data, SocketFlags.None, ct).ConfigureAwait(false);
                if (detach) return AttachEnd.Detached;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException) { }
        return AttachEnd.InputClosed;
    }
}
