using Berth.Api.Infrastructure;
using Berth.Engine;
using Berth.Protocol.Containers;
using Berth.Protocol.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Containers;

/// <summary>/containers/{id}/pause, /unpause and /update (restart policy): decode, call the engine, reply.</summary>
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
    }
}
