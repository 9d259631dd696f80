using System.Text.Json;
using Berth.Protocol.Daemon;
using Berth.Protocol.Json;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Infrastructure;

public static class ErrorWriter
{
    public static async Task WriteAsync(HttpContext context, int status, string message)
    {
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new ErrorResponse { Message = message }, ProtocolJson.Default.ErrorResponse);
    }
}
