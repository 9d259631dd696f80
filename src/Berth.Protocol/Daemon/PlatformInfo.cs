namespace Berth.Protocol.Daemon;

public sealed class PlatformInfo
{
    public string Name { get; set; } = "";
}
