using Berth.Api.Infrastructure;
using Berth.Engine;
using Berth.Engine.Containers;
using Berth.Protocol.Containers;
using Berth.Protocol.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Containers;

/// <summary>A container's files: changes (diff), export, the archive API (cp) and commit.</summary>
public static class ContainerFilesystemRoutes
{
    public static void Map(IEndpointRouteBuilder app, BerthEngine engine)
    {
        Container Find(string id) => engine.Containers.Store.Resolve(id);

        app.MapGet("/containers/{id}/changes", (HttpContext ctx, string id) =>
        {
            var changes = engine.Filesystem.Changes(Find(id)).Select(c => new FilesystemChange { Path = c.Path, Kind = (int)c.Kind }).ToList();
            return JsonReply.WriteAsync(ctx, changes, ProtocolJson.Default.ListFilesystemChange);
        });
    }
}
