using Berth.Api.Infrastructure;
using Berth.Engine;
using Berth.Engine.Errors;
using Berth.Engine.Exec;
using Berth.Protocol.Exec;
using Berth.Protocol.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Containers;

/// <summary>POST /containers/{id}/exec and /exec/{id}/…: decode, call the exec service, encode.</summary>
public static class ExecRoutes
{
    public static void Map(IEndpointRouteBuilder app, BerthEngine engine)
    {
        var execs = engine.Exec;

        app.MapPost("/containers/{id}/exec", async (HttpContext ctx, string id) =>
        {
            var request = await JsonReply.ReadAsync(ctx, ProtocolJson.Default.ExecCreateRequest);
            var session = execs.Create(engine.Containers.Store.Resolve(id), request);
            await JsonReply.WriteAsync(ctx, new ExecCreateResponse { Id = session.Id }, ProtocolJson.Default.ExecCreateResponse, 201);
        });

        app.MapPost("/exec/{id}/start", (HttpContext ctx, string id) => ExecStreams.StartAsync(ctx, execs, execs.Get(id)));

        app.MapPost("/exec/{id}/resize", (HttpContext ctx, string id) =>
        {
            var session = execs.Get(id);
            var rows = ctx.Request.Int("h") ?? throw BerthException.Invalid("h is required");
            var columns = ctx.Request.Int("w") ?? throw BerthException.Invalid("w is required");
            session.Resize(rows, columns);
            ctx.Response.StatusCode = 200;
        });

        app.MapGet("/exec/{id}/json", (HttpContext ctx, string id) =>
            JsonReply.WriteAsync(ctx, Inspect(execs.Get(id)), ProtocolJson.Default.ExecInspect));
    }

    public static ExecInspect Inspect(ExecSession s) => new()
    {
        ID = s.Id,
        Running = s.Running,
        ExitCode = s.ExitCode,
        ProcessConfig = new ExecProcessConfig
        {
            Tty = s.Config.Tty,
            Entrypoint = s.Config.Cmd is { Count: > 0 } cmd ? cmd[0] : "",
            Arguments = s.Config.Cmd is { Count: > 1 } args ? args[1..] : [],
            Privileged = s.Config.Privileged,
            User = s.Config.User,
        },
        OpenStdin = s.Config.AttachStdin,
        OpenStdout = s.Config.AttachStdout,
        OpenStderr = s.Config.AttachStderr,
        ContainerID = s.ContainerId,
        DetachKeys = s.Config.DetachKeys,
        Pid = s.Running ? s.Pid : 0,
    };
}
