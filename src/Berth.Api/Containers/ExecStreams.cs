using Berth.Api.Infrastructure;
using Berth.Engine.Errors;
using Berth.Engine.Exec;
using System.Text.Json;
using Berth.Protocol.Exec;
using Berth.Protocol.Json;
using Berth.Protocol.Streams;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Api.Containers;

/// <summary>
/// POST /exec/{id}/start. Detached: start and answer. Otherwise the connection is hijacked as for
/// attach (101 Upgrade: tcp): raw terminal bytes with a TTY, Docker's 8-byte frames without; the
/// client's bytes go to the process's stdin when the exec attached it. The stream ends only once
/// the exit code is recorded, because clients inspect the exec as soon as it closes.
/// </summary>
public static class ExecStreams
{
    public static async Task StartAsync(HttpContext ctx, ExecService execs, ExecSession session)
    {
        // Set by Berth's transport when it moved an upgrade request's body into the upgraded stream.
        var movedBody = ctx.Request.Headers["Upgrade-Length"].ToString();
        var request = movedBody.Length == 0 ? await JsonReply.ReadAsync(ctx, ProtocolJson.Default.ExecStartRequest) : null;
        execs.Prepare(session);
        if (request is { Detach: true })
        {
            execs.Start(session, detach: true, request.ConsoleSize);
            // As Docker, answer once the process runs, so an inspect that follows sees its pid.
            await session.Launched.WaitAsync(TimeSpan.FromSeconds(10), ctx.RequestAborted);
            ctx.Response.StatusCode = 200;
            return;
        }

        var tty = session.Config.Tty;
        var (stream, hijacked) = await Hijack.StartAsync(ctx, tty);
        request ??= await ReadMovedBodyAsync(stream, movedBody);
        if (request.Detach)
        {
            execs.Start(session, detach: true, request.ConsoleSize);
            if (hijacked) await stream.DisposeAsync();
            return;
        }
        var writer = new MultiplexedStreamWriter(stream);
        var clientGone = false;
        async ValueTask Output(StdStreamType type, ReadOnlyMemory<byte> data)
        {
            if (clientGone) return;
            try
            {
                if (tty) { await stream.WriteAsync(data); await stream.FlushAsync(); }
                else await writer.WriteAsync(type, data);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
            {
                // Keep draining the process's output so it never blocks on a full pipe.
                clientGone = true;
            }
        }
        try
        {
            ExecIo? io;
            try
            {
                io = execs.Start(session, detach: false, request.ConsoleSize);
            }
            catch (BerthException e)
            {
                // Headers are gone: Docker writes the failure into the stream, as stdout.
                await Output(StdStreamType.Stdout, System.Text.Encoding.UTF8.GetBytes(e.Message + "\r\n"));
                return;
            }
            if (io is null) return;
            var detached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var handedOff = false;
            try
            {
                // Docker watches for the detach keys only in a TTY session's input.
                var detachKeys = tty ? DetachKeys.Parse(session.Config.DetachKeys) : null;
                if (io.Stdin is { } stdin && hijacked) _ = PumpStdinAsync(stream, stdin, detachKeys, detached);
                // runc reports a failed start on its stderr (the terminal with a TTY): hold that
                // stream until the process runs, and on failure say it as Docker does.
                var errors = io.Stderr ?? io.Stdout;
                var startFailure = ReadStartFailureAsync(session, errors);
                var stdout = PumpAsync(io.Stdout, StdStreamType.Stdout, session.Config.AttachStdout || tty, Output, ReferenceEquals(errors, io.Stdout) ? startFailure : null);
                var stderr = io.Stderr is { } err ? PumpAsync(err, StdStreamType.Stderr, session.Config.AttachStderr, Output, startFailure) : Task.CompletedTask;
                var pumps = Task.WhenAll(stdout, stderr);
                if (await Task.WhenAny(pumps, detached.Task) == detached.Task)
                {
                    // Detached: the client goes, the exec runs on with its output drained.
                    clientGone = true;
                    handedOff = true;
                    _ = pumps.ContinueWith(_ => io.Dispose(), TaskScheduler.Default);
                    return;
                }
                await session.Exited;
                if (await startFailure is { } message)
                    await Output(StdStreamType.Stdout, System.Text.Encoding.UTF8.GetBytes($"OCI runtime exec failed: {message}: unknown\r\n"));
            }
            finally
            {
                if (!handedOff) io.Dispose();
            }
        }
        finally
        {
            try { await stream.FlushAsync(); }
            catch (IOException) { }
            if (hijacked) await stream.DisposeAsync();
        }
    }

    private static async Task<ExecStartRequest> ReadMovedBodyAsync(Stream stream, string length)
    {
        if (!int.TryParse(length, out var n) || n is < 0 or > 1 << 20) throw BerthException.Invalid("invalid request body length");
        var body = new byte[n];
        await stream.ReadExactlyAsync(body);
        return n == 0 ? new ExecStartRequest() : JsonSerializer.Deserialize(body, ProtocolJson.Default.ExecStartRequest) ?? new ExecStartRequest();
    }

    /// <summary>runc's message when the exec never started (read to the end of the stream), else null at once.</summary>
    private static async Task<string?> ReadStartFailureAsync(ExecSession session, Stream errors)
    {
        await session.Launched;
        if (session.Pid > 0) return null;
        using var reader = new StreamReader(errors, leaveOpen: true);
        string text;
        try { text = await reader.ReadToEndAsync(); }
        catch (IOException) { text = ""; }
        var message = text.Trim();
        return message.Length > 0 ? message : "exec failed";
    }

    private static async Task PumpAsync(Stream source, StdStreamType type, bool wanted, Func<StdStreamType, ReadOnlyMemory<byte>, ValueTask> output,
        Task<string?>? startFailure = null)
    {
        if (startFailure is not null && await startFailure is not null) return;
        var buffer = new byte[32 * 1024];
        while (true)
        {
            int n;
            try { n = await source.ReadAsync(buffer); }
            catch (IOException) { return; }
            if (n <= 0) return;
            if (wanted) await output(type, buffer.AsMemory(0, n));
        }
    }

    /// <summary>Client bytes to the process; the client's half-close becomes the process's EOF.</summary>
    private static async Task PumpStdinAsync(Stream client, Stream stdin, DetachKeys? detachKeys, TaskCompletionSource detached)
    {
        var buffer = new byte[32 * 1024];
        var filtered = new List<byte>();
        try
        {
            int n;
            while ((n = await client.ReadAsync(buffer)) > 0)
            {
                if (detachKeys is null)
                {
                    await stdin.WriteAsync(buffer.AsMemory(0, n));
                }
                else
                {
                    filtered.Clear();
                    var detach = detachKeys.Filter(buffer.AsSpan(0, n), filtered);
                    if (filtered.Count > 0) await stdin.WriteAsync(filtered.ToArray());
                    if (detach)
                    {
                        detached.TrySetResult();
                        return;
                    }
                }
                await stdin.FlushAsync();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException) { }
        finally
        {
            try { await stdin.DisposeAsync(); }
            catch (IOException) { }
        }
    }
}
