using Berth.Api.Infrastructure;
using Berth.Engine;
using Berth.Engine.Containers;
using Berth.Engine.Errors;
using Berth.Protocol.Containers;
using Berth.Protocol.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Containers;

/// <summary>/containers/…: decode the request, call the engine, encode the reply.</summary>
public static class ContainerRoutes
{
    public static void Map(IEndpointRouteBuilder app, BerthEngine engine)
    {
        var service = engine.Containers;
        Container Find(string id) => service.Store.Resolve(id);

        app.MapPost("/containers/create", async (HttpContext ctx) =>
        {
            var request = await JsonReply.ReadAsync(ctx, ProtocolJson.Default.ContainerCreateRequest);
            UseDefaultNetworkName(request);
            var container = service.Create(request, ctx.Request.String("name"));
            await JsonReply.WriteAsync(ctx, new ContainerCreateResponse { Id = container.Id }, ProtocolJson.Default.ContainerCreateResponse, 201);
        });

        app.MapGet("/containers/json", (HttpContext ctx) =>
        {
            var list = ContainerFilter.Apply(engine, ctx.Request.Bool("all"), ctx.Request.Int("limit"), Filters.Parse(ctx.Request.String("filters")));
            var now = DateTimeOffset.UtcNow;
            return JsonReply.WriteAsync(ctx, list.Select(c => ContainerViews.Summary(c, engine, now)).ToList(), ProtocolJson.Default.ListContainerSummary);
        });

        app.MapGet("/containers/{id}/json", (HttpContext ctx, string id) =>
            JsonReply.WriteAsync(ctx, ContainerViews.Inspect(Find(id), engine), ProtocolJson.Default.ContainerInspect));

        app.MapPost("/containers/{id}/start", async (HttpContext ctx, string id) =>
        {
            await service.StartAsync(Find(id), ctx.RequestAborted);
            ctx.Response.StatusCode = 204;
        });

        app.MapPost("/containers/{id}/stop", async (HttpContext ctx, string id) =>
        {
            await service.StopAsync(Find(id), ctx.Request.Int("t") ?? ctx.Request.Int("timeout"), ctx.Request.String("signal"), CancellationToken.None);
            ctx.Response.StatusCode = 204;
        });

        app.MapPost("/containers/{id}/restart", async (HttpContext ctx, string id) =>
        {
            await service.RestartAsync(Find(id), ctx.Request.Int("t"), ctx.Request.String("signal"), CancellationToken.None);
            ctx.Response.StatusCode = 204;
        });

        app.MapPost("/containers/{id}/kill", async (HttpContext ctx, string id) =>
        {
            await service.KillAsync(Find(id), ctx.Request.String("signal"), CancellationToken.None);
            ctx.Response.StatusCode = 204;
        });

        app.MapDelete("/containers/{id}", async (HttpContext ctx, string id) =>
        {
            await service.RemoveAsync(Find(id), ctx.Request.Bool("force"), CancellationToken.None);
            ctx.Response.StatusCode = 204;
        });

        app.MapPost("/containers/{id}/rename", (HttpContext ctx, string id) =>
        {
            service.Rename(Find(id), ctx.Request.String("name") ?? throw BerthException.Invalid("name is required"));
            ctx.Response.StatusCode = 204;
        });

        app.MapPost("/containers/{id}/wait", async (HttpContext ctx, string id) =>
        {
            var c = Find(id);
            var condition = ctx.Request.String("condition") switch
            {
                null or "" or "not-running" => WaitCondition.NotRunning,
                "next-exit" => WaitCondition.NextExit,
                "removed" => WaitCondition.Removed,
                var other => throw BerthException.Invalid($"invalid condition: \"{other}\""),
            };
            var wait = service.WaitAsync(c, condition);
            // Headers go out at once: clients start the container only after the wait is registered.
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            var code = await wait.WaitAsync(ctx.RequestAborted);
            var reply = new ContainerWaitResponse { StatusCode = code, Error = c.State.Error.Length > 0 && c.State.StartedAt is null ? new WaitError { Message = c.State.Error } : null };
            await System.Text.Json.JsonSerializer.SerializeAsync(ctx.Response.Body, reply, ProtocolJson.Default.ContainerWaitResponse, ctx.RequestAborted);
            await ctx.Response.WriteAsync("\n", ctx.RequestAborted);
        });

        app.MapGet("/containers/{id}/logs", (HttpContext ctx, string id) => ContainerStreams.LogsAsync(ctx, engine, Find(id)));
        app.MapPost("/containers/{id}/attach", (HttpContext ctx, string id) => ContainerStreams.AttachAsync(ctx, engine, Find(id)));
        app.MapPost("/containers/{id}/resize", (HttpContext ctx, string id) =>
        {
            var c = Find(id);
            var height = ctx.Request.Int("h") ?? throw BerthException.Invalid("h is required");
            var width = ctx.Request.Int("w") ?? throw BerthException.Invalid("w is required");
            service.Resize(c, height, width);
            ctx.Response.StatusCode = 200;
        });
    }

    /// <summary>
    /// Docker's router turns the network mode "default" (what docker's client sends without
    /// --network) into "bridge" at once, and files the client's EndpointsConfig["default"] under
    /// "bridge" with it, so nothing further down sees the placeholder name.
    /// </summary>
    private static void UseDefaultNetworkName(ContainerCreateRequest request)
    {
        var host = request.HostConfig ??= new HostConfig();
        if (host.NetworkMode is not ("" or "default")) return;
        host.NetworkMode = "bridge";
        if (request.NetworkingConfig?.EndpointsConfig is { } endpoints && endpoints.Remove("default", out var endpoint))
            endpoints["bridge"] = endpoint;
    }
}
