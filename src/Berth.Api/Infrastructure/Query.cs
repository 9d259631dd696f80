using Berth.Engine.Errors;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Infrastructure;

/// <summary>Docker's query conventions: booleans are "1"/"true"/"True"; absent means false.</summary>
public static class Query
{
    public static bool Bool(this HttpRequest request, string name)
    {
        var v = request.Query[name].ToString();
        return v is "1" or "true" or "True" or "TRUE";
    }

    public static string? String(this HttpRequest request, string name)
    {
        var v = request.Query[name];
        return v.Count == 0 ? null : v.ToString();
    }

    public static int? Int(this HttpRequest request, string name)
    {
        var v = request.Query[name].ToString();
        if (string.IsNullOrEmpty(v)) return null;
        return int.TryParse(v, out var n) ? n : throw BerthException.Invalid($"invalid value for {name}: {v}");
    }
}
