namespace Berth.Engine.Networking;

/// <summary>
/// A network record: Docker's predefined ones (bridge, host, none) and user-defined bridge networks.
/// Persisted as one JSON row; the Linux bridge and firewall rules are rebuilt from it at start-up.
/// </summary>
public sealed class Network
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary>"bridge", "host" or "null" (Docker's driver names).</summary>
    public string Driver { get; init; } = "bridge";
    public DateTimeOffset Created { get; init; }
    public bool Internal { get; init; }
    public bool Attachable { get; init; }
    public bool EnableIPv6 { get; init; }
    public Dictionary<string, string> Labels { get; init; } = new();
    public Dictionary<string, string> Options { get; init; } = new();
    public string IpamDriver { get; init; } = "default";
    /// <summary>IPv4 subnet in CIDR form ("172.18.0.0/16"); empty for host and none.</summary>
    public string Subnet { get; set; } = "";
    public string Gateway { get; set; } = "";
    /// <summary>The sub-range containers' addresses are allocated from (--ip-range); empty means the whole subnet.</summary>
    public string IpRange { get; init; } = "";
    /// <summary>Whether the user gave the subnet (inspect shows IPAM config either way, as Docker).</summary>
    public bool SubnetGiven { get; init; }
    /// <summary>Whether the user gave the gateway (--gateway): only then does inspect show it next to a given subnet.</summary>
    public bool GatewayGiven { get; init; }
    /// <summary>The Linux bridge's name (bridge driver only).</summary>
    public string BridgeName { get; init; } = "";

    /// <summary>bridge, host and none exist from the start and cannot be removed (Docker).</summary>
    public bool IsPredefined => Name is "bridge" or "host" or "none";

    /// <summary>The default bridge: no name resolution between containers, as in Docker.</summary>
    public bool IsDefaultBridge => Name == "bridge";

    public bool IsBridge => Driver == "bridge";

    public string ShortId => Id[..12];
}
