namespace Berth.Api.Infrastructure;

public static class ApiVersion
{
    public const string Current = "1.50";
    public const string Minimum = "1.24";
}
