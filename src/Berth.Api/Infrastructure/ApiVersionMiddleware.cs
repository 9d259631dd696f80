using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Infrastructure;

/// <summary>
/// Accepts /v1.24/… through /v1.50/… and unprefixed paths, as dockerd does: the prefix is stripped
/// before routing, a version out of range gets Docker's 400.
/// </summary>
public sealed partial class ApiVersionMiddleware(RequestDelegate next)
{
    [GeneratedRegex(@"^/v(\d+\.\d+)(/.*)$")]
    private static partial Regex Prefix();

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var match = Prefix().Match(path);
        if (match.Success)
        {
            var version = match.Groups[1].Value;
            var v = decimal.Parse(version, CultureInfo.InvariantCulture);
            if (v > decimal.Parse(ApiVersion.Current, CultureInfo.InvariantCulture))
            {
                await ErrorWriter.WriteAsync(context, 400, $"client version {version} is too new. Maximum supported API version is {ApiVersion.Current}");
                return;
            }
            if (v < decimal.Parse(ApiVersion.Minimum, CultureInfo.InvariantCulture))
            {
                await ErrorWriter.WriteAsync(context, 400, $"client version {version} is too old. Minimum supported API version is {ApiVersion.Minimum}, please upgrade your client to a newer version");
                return;
            }
            context.Request.Path = match.Groups[2].Value;
        }
        context.Response.Headers["Api-Version"] = ApiVersion.Current;
        context.Response.Headers["Server"] = "Berth/" + ServerInfo.Version + " (linux)";
        context.Response.Headers["Docker-Experimental"] = "false";
        context.Response.Headers["Ostype"] = "linux";
        await next(context);
    }
}
