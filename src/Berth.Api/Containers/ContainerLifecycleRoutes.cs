using Berth.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Containers;

/// <summary>/containers/{id}/pause, /unpause and /update: decode, call the engine, reply.</summary>
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
    }
}
