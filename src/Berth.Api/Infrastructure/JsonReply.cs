using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Infrastructure;

public static class JsonReply
{
    public static async Task WriteAsync<T>(HttpContext context, T value, JsonTypeInfo<T> type, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }

    public static async Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type) where T : new()
    {
        if (context.Request.ContentLength == 0) return new T();
        return await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted) ?? new T();
    }
}
