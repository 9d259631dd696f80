using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Api.Infrastructure;

/// <summary>
/// Docker's hijacked streams (attach, exec start): with an upgrade request the connection becomes
/// a raw duplex stream (101, Upgrade: tcp); without, the response body carries the output. The
/// content type says whether the bytes are raw terminal output or 8-byte multiplexed frames.
/// </summary>
public static class Hijack
{
    public const string RawStream = "application/vnd.docker.raw-stream";
    public const string MultiplexedStream = "application/vnd.docker.multiplexed-stream";

    public static async Task<(Stream Stream, bool Hijacked)> StartAsync(HttpContext ctx, bool tty)
    {
        ctx.Response.ContentType = tty ? RawStream : MultiplexedStream;
        var upgrade = ctx.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is { IsUpgradableRequest: true })
        {
            ctx.Response.Headers.Upgrade = "tcp";
            return (await upgrade.UpgradeAsync().ConfigureAwait(false), true);
        }
        ctx.Response.StatusCode = 200;
        await ctx.Response.StartAsync(ctx.RequestAborted).ConfigureAwait(false);
        return (ctx.Response.Body, false);
    }
}
