using Berth.Api.Infrastructure;
using Berth.Engine;
using System.Text.Json;
using Berth.Engine.Containers;
using Berth.Engine.Errors;
using Berth.Engine.Images;
using Berth.Protocol.Images;
using Berth.Protocol.Containers;
using Berth.Protocol.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Containers;

/// <summary>A container's files: changes (diff), export, the archive API (cp) and commit.</summary>
public static class ContainerFilesystemRoutes
{
    private const int MaxConfigBytes = 1 << 20;
    private const string StatHeader = "X-Docker-Container-Path-Stat";

    private static string RequiredPath(HttpContext ctx) =>
        ctx.Request.String("path") is { Length: > 0 } path ? path : throw BerthException.Invalid("path is required");

    private static string EncodeStat(ContainerPathInfo info) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(
        new PathStat { Name = info.Name, Size = info.Size, Mode = info.GoMode, Mtime = info.Mtime, LinkTarget = info.LinkTarget },
        ProtocolJson.Default.PathStat));

    public static void Map(IEndpointRouteBuilder app, BerthEngine engine)
    {
        Container Find(string id) => engine.Containers.Store.Resolve(id);

        app.MapGet("/containers/{id}/changes", (HttpContext ctx, string id) =>
        {
            var changes = engine.Filesystem.Changes(Find(id)).Select(c => new FilesystemChange { Path = c.Path, Kind = (int)c.Kind }).ToList();
            return JsonReply.WriteAsync(ctx, changes, ProtocolJson.Default.ListFilesystemChange);
        });

        app.MapGet("/containers/{id}/export", async (HttpContext ctx, string id) =>
        {
            var container = Find(id);
            ctx.Response.ContentType = "application/x-tar";
            await engine.Exporter.ExportAsync(container, ctx.Response.Body, ctx.RequestAborted);
        });

        app.MapMethods("/containers/{id}/archive", ["HEAD"], (HttpContext ctx, string id) =>
        {
            var info = engine.Archive.Stat(Find(id), RequiredPath(ctx));
            ctx.Response.Headers[StatHeader] = EncodeStat(info);
            ctx.Response.StatusCode = 200;
        });

        app.MapGet("/containers/{id}/archive", async (HttpContext ctx, string id) =>
        {
            await engine.Archive.WriteArchiveAsync(Find(id), RequiredPath(ctx), info =>
            {
                ctx.Response.Headers[StatHeader] = EncodeStat(info);
                ctx.Response.ContentType = "application/x-tar";
                return ctx.Response.Body;
            }, ctx.RequestAborted);
        });

        app.MapPut("/containers/{id}/archive", async (HttpContext ctx, string id) =>
        {
            await engine.Archive.ExtractAsync(Find(id), RequiredPath(ctx), ctx.Request.Body, ctx.Request.Bool("noOverwriteDirNonDir"), ctx.Request.Bool("copyUIDGID"), ctx.RequestAborted);
            ctx.Response.StatusCode = 200;
        });

        app.MapPost("/commit", async (HttpContext ctx) =>
        {
            var container = Find(ctx.Request.String("container") ?? "");
            var repo = ctx.Request.String("repo");
            var tag = ctx.Request.String("tag");
            ImageReference? target = string.IsNullOrEmpty(repo) ? null : ImageReference.Parse(string.IsNullOrEmpty(tag) ? repo : repo + ":" + tag).WithDefaultTag();
            var options = new CommitOptions(target, ctx.Request.String("author"), ctx.Request.String("comment"),
                ctx.Request.Query["changes"].Where(c => c is not null).Select(c => c!).ToList(),
                await ReadOptionalConfigAsync(ctx), ctx.Request.String("pause") is not ("0" or "false"));
            var image = await engine.Committer.CommitAsync(container, options, ctx.RequestAborted);
            await JsonReply.WriteAsync(ctx, new IdResponse { Id = image.Id.ToString() }, ProtocolJson.Default.IdResponse, 201);
        });
    }

    /// <summary>The commit body: a container config, or nothing, or JSON null (what the docker CLI sends).</summary>
    private static async Task<ContainerConfig?> ReadOptionalConfigAsync(HttpContext ctx)
    {
        using var buffer = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted);
        if (buffer.Length > MaxConfigBytes) throw BerthException.Invalid("container config too large");
        if (buffer.Length == 0 || buffer.ToArray().All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')) return null;
        try
        {
            return JsonSerializer.Deserialize(buffer.ToArray(), ProtocolJson.Default.ContainerConfig);
        }
        catch (JsonException e)
        {
            throw BerthException.Invalid($"invalid container config: {e.Message}");
        }
    }
}
