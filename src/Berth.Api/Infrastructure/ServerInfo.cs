namespace Berth.Api.Infrastructure;

public static class ServerInfo
{
    public const string Version = "0.1.0";
}
