using Berth.Api.Infrastructure;
using Berth.Engine;
using Berth.Engine.Errors;
using Berth.Protocol.Json;
using Berth.Protocol.Networks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Networks;

/// <summary>/networks/…: decode the request, call the engine's network service, encode Docker's JSON.</summary>
public static class NetworkRoutes
{
    public static void Map(IEndpointRouteBuilder app, BerthEngine engine)
    {
        var networks = engine.Networks;

        app.MapGet("/networks", (HttpContext ctx) =>
        {
            var list = NetworkFilter.Apply(engine, Filters.Parse(ctx.Request.String("filters")));
            return JsonReply.WriteAsync(ctx, list.Select(n => NetworkViews.Inspect(n, engine, withContainers: false)).ToList(),
                ProtocolJson.Default.ListNetworkInspect);
        });

        app.MapGet("/networks/{id}", (HttpContext ctx, string id) =>
        {
            if (ctx.Request.String("verbose") is { Length: > 0 } verbose && !IsGoBool(verbose))
                throw BerthException.Invalid($"invalid value for verbose: {verbose}");
            var n = networks.Resolve(id);
            // Every Berth network is local: asking for another scope finds nothing, as in Docker.
            if (ctx.Request.String("scope") is { Length: > 0 } scope && scope != "local")
                throw BerthException.NotFound($"network {id} not found");
            return JsonReply.WriteAsync(ctx, NetworkViews.Inspect(n, engine, withContainers: true), ProtocolJson.Default.NetworkInspect);
        });

        app.MapPost("/networks/create", async (HttpContext ctx) =>
        {
            var request = await JsonReply.ReadAsync(ctx, ProtocolJson.Default.NetworkCreateRequest);
            var n = networks.Create(NetworkCreateMapping.Map(request));
            await JsonReply.WriteAsync(ctx, new NetworkCreateResponse { Id = n.Id }, ProtocolJson.Default.NetworkCreateResponse, 201);
        });

        app.MapDelete("/networks/{id}", (HttpContext ctx, string id) =>
        {
            networks.Remove(networks.Resolve(id));
            ctx.Response.StatusCode = 204;
        });

        app.MapPost("/networks/{id}/connect", async (HttpContext ctx, string id) =>
        {
            var request = await JsonReply.ReadAsync(ctx, ProtocolJson.Default.NetworkConnectRequest);
            // Docker looks the container up first: an unknown container is reported before an unknown network.
            var container = engine.Containers.Store.Resolve(request.Container);
            await networks.ConnectAsync(networks.Resolve(id), container, request.EndpointConfig, ctx.RequestAborted);
            ctx.Response.StatusCode = 200;
        });

        app.MapPost("/networks/{id}/disconnect", async (HttpContext ctx, string id) =>
        {
            var request = await JsonReply.ReadAsync(ctx, ProtocolJson.Default.NetworkDisconnectRequest);
            var container = engine.Containers.Store.Resolve(request.Container);
            await networks.DisconnectAsync(networks.Resolve(id), container, request.Force, ctx.RequestAborted);
            ctx.Response.StatusCode = 200;
        });

        app.MapPost("/networks/prune", async (HttpContext ctx) =>
        {
            var filter = NetworkFilter.PruneFilter(Filters.Parse(ctx.Request.String("filters")), DateTimeOffset.UtcNow);
            var deleted = networks.Prune(filter);
            engine.Events.Publish("network", "prune", "", new Dictionary<string, string> { ["reclaimed"] = "0" });
            await JsonReply.WriteAsync(ctx, new NetworkPruneResponse { NetworksDeleted = deleted.Count > 0 ? [.. deleted] : null },
                ProtocolJson.Default.NetworkPruneResponse);
        });
    }

    /// <summary>Whether Go's strconv.ParseBool takes the text.</summary>
    private static bool IsGoBool(string v) => v is "1" or "t" or "T" or "TRUE" or "true" or "True" or "0" or "f" or "F" or "FALSE" or "false" or "False";
}
