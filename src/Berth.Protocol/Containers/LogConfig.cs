namespace Berth.Protocol.Containers;

public sealed class LogConfig
{
    public string Type { get; set; } = "";
    public Dictionary<string, string> Config { get; set; } = new();
}
