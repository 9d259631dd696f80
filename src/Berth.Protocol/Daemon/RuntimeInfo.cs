namespace Berth.Protocol.Daemon;

public sealed class RuntimeInfo
{
    public string Path { get; set; } = "";
}
