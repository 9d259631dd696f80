namespace Berth.Engine.Networking;

/// <summary>What `network create` asks for (POST /networks/create).</summary>
public sealed class NetworkCreateOptions
{
    public required string Name { get; init; }
    public string Driver { get; init; } = "bridge";
    public bool Internal { get; init; }
    public bool Attachable { get; init; }
    public bool EnableIPv6 { get; init; }
    public Dictionary<string, string> Labels { get; init; } = new();
    public Dictionary<string, string> Options { get; init; } = new();
    public string IpamDriver { get; init; } = "default";
    public string Subnet { get; init; } = "";
    public string Gateway { get; init; } = "";
    public string IpRange { get; init; } = "";
}
