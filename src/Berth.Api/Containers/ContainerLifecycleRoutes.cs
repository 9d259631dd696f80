using Berth.Api.Infrastructure;
using Berth.Engine;
using Berth.Protocol.Containers;
using Berth.Protocol.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Containers;

/// <summary>/containers/{id}/pause, /unpause, /update (restart policy), /top and /containers/prune: decode, call the engine, reply.</summary>
public static class ContainerLifecycleRoutes
{
    public static void Map(IEndpointRouteBuilder app, BerthEngine engine)
    {
        var service = engine.Containers;

        app.MapPost("/containers/{id}/pause", async (HttpContext ctx, string id) =>
        {
            await service.PauseAsync(service.Store.Resolve(id), CancellationToken.None);
            ctx.Response.StatusCode = 204;
        });

        app.MapPost("/containers/{id}/unpause", async (HttpContext ctx, string id) =>
        {
            await service.UnpauseAsync(service.Store.Resolve(id), CancellationToken.None);
            ctx.Response.StatusCode = 204;
        });

        app.MapPost("/containers/{id}/update", async (HttpContext ctx, string id) =>
        {
            var c = service.Store.Resolve(id);
            var request = await JsonReply.ReadAsync(ctx, ProtocolJson.Default.ContainerUpdateRequest);
            if (request.RestartPolicy is { } policy) service.UpdateRestartPolicy(c, policy);
            await JsonReply.WriteAsync(ctx, new ContainerUpdateResponse(), ProtocolJson.Default.ContainerUpdateResponse);
        });

        app.MapGet("/containers/{id}/top", async (HttpContext ctx, string id) =>
        {
            var (titles, processes) = await service.TopAsync(service.Store.Resolve(id), ctx.Request.String("ps_args"), ctx.RequestAborted);
            await JsonReply.WriteAsync(ctx, new ContainerTopResponse { Titles = titles, Processes = processes }, ProtocolJson.Default.ContainerTopResponse);
        });

        app.MapPost("/containers/prune", async (HttpContext ctx) =>
        {
            var filters = Filters.Parse(ctx.Request.String("filters"));
            var (deleted, space) = await service.PruneAsync(filters.Keys.ToDictionary(k => k, k => filters.Get(k)), CancellationToken.None);
            await JsonReply.WriteAsync(ctx, new ContainerPruneResponse { ContainersDeleted = deleted.Count > 0 ? deleted : null, SpaceReclaimed = space },
                ProtocolJson.Default.ContainerPruneResponse);
        });
    }
}
