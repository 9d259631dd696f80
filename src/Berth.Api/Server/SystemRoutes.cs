using Berth.Api.Infrastructure;
using Berth.Engine;
using Berth.Engine.Containers;
using Berth.Protocol.Daemon;
using Berth.Protocol.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Server;

/// <summary>/_ping, /version, /info.</summary>
public static class SystemRoutes
{
    public static void Map(IEndpointRouteBuilder app, BerthEngine engine)
    {
        app.MapMethods("/_ping", ["GET", "HEAD"], (HttpContext ctx) =>
        {
            ctx.Response.Headers.CacheControl = "no-cache, no-store, must-revalidate";
            ctx.Response.Headers.Pragma = "no-cache";
            ctx.Response.Headers["Builder-Version"] = "1";
            ctx.Response.ContentType = "text/plain; charset=utf-8";
            return HttpMethods.IsHead(ctx.Request.Method) ? Task.CompletedTask : ctx.Response.WriteAsync("OK");
        });

        app.MapGet("/version", (HttpContext ctx) => JsonReply.WriteAsync(ctx, Version(engine), ProtocolJson.Default.VersionResponse));

        app.MapGet("/info", (HttpContext ctx) =>
        {
            var containers = engine.Containers.Store.List();
            var info = new SystemInfo
            {
                ID = HostInfo.MachineId,
                Containers = containers.Count,
                ContainersRunning = containers.Count(c => c.State.Status == ContainerStatus.Running),
                ContainersPaused = containers.Count(c => c.State.Status == ContainerStatus.Paused),
                ContainersStopped = containers.Count(c => !c.State.IsRunning),
                Images = engine.Images.List().Count,
                DriverStatus = [["Backing Filesystem", "extfs"], ["Supports d_type", "true"]],
                SystemTime = DateTimeOffset.Now.ToString("yyyy-MM-ddTHH:mm:ss.fffffffzzz"),
                KernelVersion = HostInfo.KernelVersion,
                OperatingSystem = HostInfo.OperatingSystem,
                OSVersion = HostInfo.OsVersion,
                NCPU = Environment.ProcessorCount,
                MemTotal = HostInfo.MemTotal,
                DockerRootDir = engine.Options.DataRoot,
                Name = Environment.MachineName,
                ServerVersion = ServerInfo.Version,
                CgroupVersion = HostInfo.CgroupVersion,
                Runtimes = new() { ["runc"] = new RuntimeInfo { Path = engine.Runtime.RuncPath } },
                SecurityOptions = ["name=seccomp,profile=builtin"],
            };
            return JsonReply.WriteAsync(ctx, info, ProtocolJson.Default.SystemInfo);
        });
    }

    private static VersionResponse Version(BerthEngine engine) => new()
    {
        Platform = new PlatformInfo { Name = "Berth Engine" },
        Components =
        [
            new VersionComponent { Name = "Engine", Version = ServerInfo.Version, Details = new() { ["ApiVersion"] = ApiVersion.Current, ["MinAPIVersion"] = ApiVersion.Minimum, ["Os"] = "linux", ["Arch"] = "amd64", ["KernelVersion"] = HostInfo.KernelVersion } },
            new VersionComponent { Name = "runc", Version = HostInfo.RuncVersion(engine.Runtime.RuncPath) },
        ],
        Version = ServerInfo.Version,
        ApiVersion = ApiVersion.Current,
        MinAPIVersion = ApiVersion.Minimum,
        GitCommit = "berth",
        GoVersion = "dotnet" + Environment.Version,
        KernelVersion = HostInfo.KernelVersion,
        BuildTime = "",
    };
}
