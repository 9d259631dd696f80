using System.Text.Json;
using Berth.Api.Infrastructure;
using Berth.Engine;
using Berth.Engine.Errors;
using Berth.Engine.Images;
using Berth.Protocol.Images;
using Berth.Protocol.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Images;

/// <summary>
/// /images/…: names may contain slashes (localhost:5000/a/b), so everything after /images/ is one
/// catch-all and the action is the last segment, as dockerd's router does.
/// </summary>
public static class ImageRoutes
{
    public static void Map(IEndpointRouteBuilder app, BerthEngine engine)
    {
        app.MapGet("/images/json", (HttpContext ctx) => ListAsync(ctx, engine));
        app.MapGet("/images/get", (HttpContext ctx) => SaveAsync(ctx, engine, ctx.Request.Query["names"].Where(n => n is not null).Select(n => n!).ToList()));
        app.MapPost("/images/create", (HttpContext ctx) => CreateAsync(ctx, engine));
        app.MapPost("/images/load", (HttpContext ctx) => LoadAsync(ctx, engine));
        app.MapGet("/images/{**rest}", (HttpContext ctx, string rest) =>
            Split(rest) switch
            {
                (var name, "json") => InspectAsync(ctx, engine, name),
                (var name, "history") => HistoryAsync(ctx, engine, name),
                (var name, "get") => SaveAsync(ctx, engine, [name]),
                _ => throw BerthException.NotFound("page not found"),
            });
        app.MapPost("/images/{**rest}", (HttpContext ctx, string rest) =>
            Split(rest) switch
            {
                (var name, "tag") => TagAsync(ctx, engine, name),
                (var name, "push") => throw BerthException.Unavailable($"push of {name}: registry access is not implemented yet"),
                _ => throw BerthException.NotFound("page not found"),
            });
        app.MapDelete("/images/{**rest}", (HttpContext ctx, string rest) => RemoveAsync(ctx, engine, Unescape(rest)));
    }

    /// <summary>
    /// The server decodes every escape in the path but %2F, so a client that escapes the slashes of
    /// "docker.io/library/busybox" (as berth does) would otherwise ask for a name that cannot exist.
    /// </summary>
    private static string Unescape(string rest) => rest.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    private static (string Name, string Action) Split(string rest)
    {
        rest = Unescape(rest);
        var slash = rest.LastIndexOf('/');
        return slash < 0 ? (rest, "") : (rest[..slash], rest[(slash + 1)..]);
    }

    private static Task ListAsync(HttpContext ctx, BerthEngine engine)
    {
        var filters = Filters.Parse(ctx.Request.String("filters"));
        filters.Validate("reference", "dangling", "label", "before", "since", "until");
        IEnumerable<Image> images = engine.Images.List();
        var result = new List<ImageSummary>();
        var before = filters.Get("before").Select(engine.Images.Resolve).Select(i => i.Created).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        var since = filters.Get("since").Select(engine.Images.Resolve).Select(i => i.Created).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        foreach (var image in images.OrderByDescending(i => i.Created))
        {
            var tags = engine.Images.TagsOf(image.Id);
            if (filters.Has("dangling"))
            {
                var wantDangling = filters.Get("dangling").Contains("true") || filters.Get("dangling").Contains("1");
                if ((tags.Count == 0) != wantDangling) continue;
            }
            if (!ContainerLabels.Match(image.Config.Config?.Labels, filters.Get("label"))) continue;
            if (image.Created >= before || image.Created <= since) continue;
            if (filters.Has("reference"))
            {
                tags = tags.Where(t => filters.Get("reference").Any(p => ReferenceMatch(p, t))).ToList();
                if (tags.Count == 0) continue;
            }
            result.Add(ImageViews.Summary(image, tags));
        }
        return JsonReply.WriteAsync(ctx, result, ProtocolJson.Default.ListImageSummary);
    }

    /// <summary>Docker's reference filter: a glob over "name" or "name:tag" (familiar form).</summary>
    private static bool ReferenceMatch(string pattern, ImageReference tag)
    {
        var hasTag = pattern.Contains(':') && pattern.LastIndexOf(':') > pattern.LastIndexOf('/');
        var subject = hasTag ? tag.FamiliarString : tag.FamiliarName;
        return Glob.IsMatch(pattern, subject) || (hasTag ? Glob.IsMatch(pattern, tag.ToString()) : Glob.IsMatch(pattern, tag.FullName));
    }

    private static Task InspectAsync(HttpContext ctx, BerthEngine engine, string name)
    {
        var image = engine.Images.Resolve(name);
        return JsonReply.WriteAsync(ctx, ImageViews.Inspect(image, engine.Images.TagsOf(image.Id)), ProtocolJson.Default.ImageInspect);
    }

    private static Task HistoryAsync(HttpContext ctx, BerthEngine engine, string name)
    {
        var image = engine.Images.Resolve(name);
        var history = ImageViews.History(image, engine.Images.TagsOf(image.Id),
            i => i < image.ChainIds.Count ? engine.Layers.Get(image.ChainIds[i])?.Size ?? 0 : 0);
        return JsonReply.WriteAsync(ctx, history, ProtocolJson.Default.ListImageHistoryItem);
    }

    private static Task RemoveAsync(HttpContext ctx, BerthEngine engine, string name)
    {
        var items = engine.ImageRemover.Remove(name, ctx.Request.Bool("force"));
        return JsonReply.WriteAsync(ctx, items, ProtocolJson.Default.ListImageDeleteItem);
    }

    private static Task TagAsync(HttpContext ctx, BerthEngine engine, string name)
    {
        var image = engine.Images.Resolve(name);
        var repo = ctx.Request.String("repo") ?? throw BerthException.Invalid("repository name must have at least one component");
        var tag = ctx.Request.String("tag");
        var reference = ImageReference.Parse(string.IsNullOrEmpty(tag) ? repo : repo + ":" + tag);
        if (reference.Digest is not null) throw BerthException.Invalid("refusing to create a tag with a digest reference");
        engine.Images.Tag(image, reference.WithDefaultTag(), engine.Events);
        ctx.Response.StatusCode = 201;
        return Task.CompletedTask;
    }

    private static async Task SaveAsync(HttpContext ctx, BerthEngine engine, List<string> names)
    {
        if (names.Count == 0) throw BerthException.Invalid("no images specified");
        var selection = new List<(Image, IReadOnlyList<ImageReference>)>();
        foreach (var name in names)
        {
            var image = engine.Images.Resolve(name);
            IReadOnlyList<ImageReference> tags = ImageReference.TryParse(name, out var r) && r is not null && engine.Images.GetByReference(r)?.Id == image.Id
                ? [r.WithDefaultTag()]
                : [];
            selection.Add((image, tags));
        }
        ctx.Response.ContentType = "application/x-tar";
        await engine.ArchiveWriter.WriteAsync(ctx.Response.Body, selection, ctx.RequestAborted);
    }

    private static async Task CreateAsync(HttpContext ctx, BerthEngine engine)
    {
        var fromSrc = ctx.Request.String("fromSrc");
        var fromImage = ctx.Request.String("fromImage");
        if (fromSrc is null)
        {
            var reference = fromImage is null ? "" : fromImage + (ctx.Request.String("tag") is { Length: > 0 } t ? ":" + t : "");
            throw BerthException.NotFound($"pull access denied for {reference}: pulling from registries is not implemented yet; import or load the image");
        }
        if (fromSrc != "-") throw BerthException.Invalid("importing from a URL is not supported; use - and send the tarball");
        var repo = ctx.Request.String("repo");
        var tag = ctx.Request.String("tag");
        ImageReference? target = string.IsNullOrEmpty(repo) ? null : ImageReference.Parse(string.IsNullOrEmpty(tag) ? repo : repo + ":" + tag).WithDefaultTag();
        var changes = ctx.Request.Query["changes"].Where(c => c is not null).Select(c => c!).ToList();
        var image = await engine.Importer.ImportAsync(ctx.Request.Body, target, changes, ctx.Request.String("message"), "-", ctx.RequestAborted);
        await JsonReply.WriteAsync(ctx, new JsonMessage { Status = image.Id.ToString() }, ProtocolJson.Default.JsonMessage);
        await ctx.Response.WriteAsync("\n");
    }

    private static async Task LoadAsync(HttpContext ctx, BerthEngine engine)
    {
        var loaded = await engine.ArchiveReader.LoadAsync(ctx.Request.Body, ctx.RequestAborted);
        ctx.Response.ContentType = "application/json";
        foreach (var item in loaded)
        {
            var lines = item.Tags.Count > 0
                ? item.Tags.Select(t => $"Loaded image: {t.FamiliarString}\n")
                : [$"Loaded image ID: {item.Image.Id}\n"];
            foreach (var line in lines)
            {
                await JsonSerializer.SerializeAsync(ctx.Response.Body, new JsonMessage { Stream = line }, ProtocolJson.Default.JsonMessage, ctx.RequestAborted);
                await ctx.Response.WriteAsync("\n", ctx.RequestAborted);
            }
        }
    }
}
