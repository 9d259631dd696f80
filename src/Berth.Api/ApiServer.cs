using Berth.Api.Containers;
using Berth.Api.Images;
using Berth.Api.Infrastructure;
using Berth.Api.Networks;
using Berth.Api.Server;
using Berth.Engine;
using Microsoft.AspNetCore.Builder;

namespace Berth.Api;

/// <summary>Wires the Docker Engine API onto an ASP.NET Core app: middleware, then one route group per resource.</summary>
public static class ApiServer
{
    public static void MapDockerApi(this WebApplication app, BerthEngine engine)
    {
        app.UseMiddleware<ApiVersionMiddleware>();
        app.UseMiddleware<ErrorMappingMiddleware>();
        app.UseRouting();
        SystemRoutes.Map(app, engine);
        ImageRoutes.Map(app, engine);
        ContainerRoutes.Map(app, engine);
        ExecRoutes.Map(app, engine);
        ContainerFilesystemRoutes.Map(app, engine);
        ContainerLifecycleRoutes.Map(app, engine);
        NetworkRoutes.Map(app, engine);
        Events.EventRoutes.Map(app, engine);
    }
}
