using System.Text.Json;
using Berth.Api.Infrastructure;
using Berth.Engine;
using Berth.Engine.Errors;
using Berth.Engine.Events;
using Berth.Protocol.Events;
using Berth.Protocol.Formatting;
using Berth.Protocol.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Events;

/// <summary>GET /events: the kept events from `since`, then live ones until `until` or the client goes away.</summary>
public static class EventRoutes
{
    public static void Map(IEndpointRouteBuilder app, BerthEngine engine) =>
        app.MapGet("/events", (HttpContext ctx) => StreamAsync(ctx, engine.Events));

    private static async Task StreamAsync(HttpContext ctx, EventBus bus)
    {
        var since = ParseTime(ctx.Request.String("since"));
        var until = ParseTime(ctx.Request.String("until"));
        var filters = Filters.Parse(ctx.Request.String("filters"));
        var filter = new EventFilter(filters.Keys.ToDictionary(k => k, k => filters.Get(k)));
        if (since is { } s && until is { } u && s > u) throw BerthException.Invalid("since time must be before until time");

        using var subscription = bus.Subscribe(since);
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.StartAsync(ctx.RequestAborted);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted);
        if (until is { } end)
        {
            var wait = end - bus.Now;
            if (wait <= TimeSpan.Zero) stop.Cancel();
            else stop.CancelAfter(wait);
        }
        foreach (var e in subscription.Past)
        {
            if (until is { } end2 && e.Time > end2) break;
            if (filter.Matches(e)) await WriteAsync(ctx, e);
        }
        try
        {
            await foreach (var e in subscription.Live.ReadAllAsync(stop.Token))
            {
                if (until is { } end3 && e.Time > end3) break;
                if (filter.Matches(e)) await WriteAsync(ctx, e);
            }
        }
        catch (OperationCanceledException)
        {
            // until reached, or the client went away
        }
    }

    private static async Task WriteAsync(HttpContext ctx, EngineEvent e)
    {
        var legacy = e.Type is "container" or "image";
        var message = new EventMessage
        {
            Status = legacy ? e.Action : null,
            Id = legacy ? e.ActorId : null,
            From = e.Type == "container" && e.Attributes.TryGetValue("image", out var image) ? image : null,
            Type = e.Type,
            Action = e.Action,
            Actor = new EventActor { ID = e.ActorId, Attributes = new Dictionary<string, string>(e.Attributes) },
            Time = e.Time.ToUnixTimeSeconds(),
            TimeNano = e.TimeNano,
        };
        await JsonSerializer.SerializeAsync(ctx.Response.Body, message, ProtocolJson.Default.EventMessage, ctx.RequestAborted);
        await ctx.Response.WriteAsync("\n", ctx.RequestAborted);
        await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
    }

    /// <summary>"seconds[.nanoseconds]" as the docker CLI sends them (it converts RFC 3339 and durations itself).</summary>
    private static DateTimeOffset? ParseTime(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        try
        {
            var (seconds, nanos) = DockerTime.ParseTimestamps(value, 0);
            return DateTimeOffset.UnixEpoch.AddSeconds(seconds).AddTicks(nanos / 100);
        }
        catch (FormatException e)
        {
            throw BerthException.Invalid(e.Message);
        }
    }
}
