using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Berth.Api.Infrastructure;
using Berth.Engine;
using Berth.Engine.Containers;
using Berth.Engine.Errors;
using Berth.Engine.Logs;
using Berth.Protocol.Streams;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Api.Containers;

/// <summary>
/// The streaming endpoints: logs (multiplexed framing unless the container has a TTY) and attach
/// (the connection is hijacked: 101 Upgrade: tcp, then a raw duplex byte stream).
/// </summary>
public static class ContainerStreams
{
    public static async Task LogsAsync(HttpContext ctx, BerthEngine engine, Container c)
    {
        var query = new LogQuery(
            ctx.Request.Bool("stdout"), ctx.Request.Bool("stderr"), ctx.Request.Bool("follow"),
            ParseTail(ctx.Request.String("tail")), ParseTime(ctx.Request.String("since")), ParseTime(ctx.Request.String("until")));
        if (!query.Stdout && !query.Stderr) throw BerthException.Invalid("Bad parameters: you must choose at least one stream");
        var timestamps = ctx.Request.Bool("timestamps");
        var tty = c.Config.Tty;
        ctx.Response.ContentType = tty ? Hijack.RawStream : Hijack.MultiplexedStream;
        ctx.Response.StatusCode = 200;
        await ctx.Response.StartAsync(ctx.RequestAborted);
        var writer = new MultiplexedStreamWriter(ctx.Response.Body);
        var path = engine.Containers.PathsOf(c).LogPath;
        await foreach (var entry in ContainerLogReader.ReadAsync(path, query, () => c.State.IsRunning, ctx.RequestAborted))
        {
            var payload = timestamps
                ? Encoding.UTF8.GetBytes(Time.LogTimestamp(entry.Timestamp) + " ").Concat(entry.Data.ToArray()).ToArray()
                : entry.Data;
            if (tty)
            {
                await ctx.Response.Body.WriteAsync(payload, ctx.RequestAborted);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            }
            else await writer.WriteAsync(entry.Stream, payload, ctx.RequestAborted);
        }
    }

    /// <summary>Docker reads a tail that is not a number ("all", "abc") as "everything".</summary>
    private static int? ParseTail(string? tail) =>
        int.TryParse(tail, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>The API carries times as Unix seconds with an optional fraction ("1700000000.123456789").</summary>
    private static DateTimeOffset? ParseTime(string? value)
    {
        if (string.IsNullOrEmpty(value) || value == "0") return null;
        if (!decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            throw BerthException.Invalid($"invalid time value: {value}");
        return DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }

    public static async Task AttachAsync(HttpContext ctx, BerthEngine engine, Container c)
    {
        var detachKeys = ParseDetachKeys(ctx.Request.String("detachKeys"));
        engine.Containers.RecordAttach(c);
        var streams = new AttachStreams(ctx.Request.Bool("stdin"), ctx.Request.Bool("stdout"), ctx.Request.Bool("stderr"));
        var follow = ctx.Request.Bool("stream");
        var logs = ctx.Request.Bool("logs");
        var tty = c.Config.Tty;
        // Decide what to connect to before answering, so an attach to a running container misses nothing.
        Task<Socket?> socketTask = !follow ? Task.FromResult<Socket?>(null)
            : c.State.IsRunning ? Task.FromResult<Socket?>(ContainerAttacher.Connect(engine.Containers.PathsOf(c)))
            // A stopped container (created or exited) is connected when it next starts: `start -a`.
            : c.State.Status is ContainerStatus.Created or ContainerStatus.Exited ? engine.Containers.Attacher.WaitForStart(c.Id)
            : Task.FromResult<Socket?>(null);

        var (stream, hijacked) = await Hijack.StartAsync(ctx, tty);
        // Once hijacked, a client that half-closes (the docker CLI does when it has no stdin) must
        // not end the attach: only a failed write does. So the pump does not watch RequestAborted.
        var aborted = hijacked ? CancellationToken.None : ctx.RequestAborted;
        var writer = new MultiplexedStreamWriter(stream);
        async ValueTask Output(StdStreamType type, ReadOnlyMemory<byte> data)
        {
            if (tty) { await stream.WriteAsync(data); await stream.FlushAsync(); }
            else await writer.WriteAsync(type, data);
        }
        try
        {
            if (logs)
            {
                var query = new LogQuery(streams.Stdout, streams.Stderr, false, null, null, null);
                await foreach (var entry in ContainerLogReader.ReadAsync(engine.Containers.PathsOf(c).LogPath, query, () => false, aborted))
                    await Output(entry.Stream, entry.Data);
            }
            using var socket = await socketTask.WaitAsync(aborted);
            if (socket is null) return;
            // Only a hijacked connection carries the client's input.
            var input = streams.Stdin && c.Config.OpenStdin && hijacked ? stream : null;
            var end = await ContainerAttacher.RunAsync(socket, streams, input, new AttachInput(tty, c.Config.StdinOnce, detachKeys), Output, aborted);
            if (end == AttachEnd.Detached) engine.Containers.RecordDetach(c);
        }
        catch (IOException)
        {
            // The client went away.
        }
        finally
        {
            try { await stream.FlushAsync(); }
            catch (IOException) { }
            if (!ReferenceEquals(stream, ctx.Response.Body)) await stream.DisposeAsync();
        }
    }

    /// <summary>The `detachKeys` parameter (Docker's default when absent); a bad one is the client's error.</summary>
    private static DetachKeys ParseDetachKeys(string? spec)
    {
        try { return DetachKeys.Parse(spec); }
        catch (FormatException) { throw BerthException.Invalid($"Invalid detach keys ({spec}) provided"); }
    }
}
