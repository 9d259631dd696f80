namespace Berth.Protocol.Containers;

/// <summary>An address with its prefix length (Docker's network.Address, in the deprecated secondary-address lists).</summary>
public sealed class NetworkAddress
{
    public string Addr { get; set; } = "";
    public int PrefixLen { get; set; }
}
