using System.Text.Json;
using Berth.Engine.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Berth.Api.Infrastructure;

/// <summary>The one place engine error kinds become HTTP status codes (Docker's errdefs mapping).</summary>
public sealed class ErrorMappingMiddleware(RequestDelegate next, ILogger<ErrorMappingMiddleware> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BerthException e)
        {
            if (e.Kind == ErrorKind.NotModified)
            {
                if (!context.Response.HasStarted) context.Response.StatusCode = 304;
                return;
            }
            await ErrorWriter.WriteAsync(context, StatusOf(e.Kind), e.Message);
        }
        catch (JsonException e)
        {
            await ErrorWriter.WriteAsync(context, 400, $"invalid JSON: {e.Message}");
        }
        catch (BadHttpRequestException e)
        {
            await ErrorWriter.WriteAsync(context, 400, e.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            log.LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            await ErrorWriter.WriteAsync(context, 500, e.Message);
        }
    }

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidArgument => 400,
        ErrorKind.NotFound => 404,
        ErrorKind.Conflict => 409,
        ErrorKind.Forbidden => 403,
        ErrorKind.Unavailable => 503,
        ErrorKind.NotModified => 304,
        _ => 500,
    };
}
