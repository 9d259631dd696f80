namespace Berth.Protocol.Networks;

/// <summary>The config-only network a network takes its configuration from ("" when none).</summary>
public sealed class NetworkConfigReference
{
    public string Network { get; set; } = "";
}
