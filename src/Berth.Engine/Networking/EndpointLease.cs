namespace Berth.Engine.Networking;

/// <summary>One network attachment of a running container: its address, MAC, and the interface names on both sides.</summary>
public sealed class EndpointLease
{
    public required Network Network { get; init; }
    public required string EndpointId { get; init; }
    public required uint Address { get; init; }
    public required byte[] Mac { get; init; }
    /// <summary>eth0, eth1 … inside the container.</summary>
    public required string InterfaceName { get; init; }

    /// <summary>The host end of the veth pair, derived from the endpoint ID so it is known again after a berthd restart.</summary>
    public string HostInterface => HostInterfaceOf(EndpointId);

    public static string HostInterfaceOf(string endpointId) => "veth" + endpointId[..11];

    public string MacText => FormatMac(Mac);

    public static string FormatMac(byte[] mac) => string.Join(':', mac.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
