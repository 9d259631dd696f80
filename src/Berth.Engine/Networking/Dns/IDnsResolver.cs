using System.Net;

namespace Berth.Engine.Networking.Dns;

/// <summary>
/// What the embedded server asks about the names of one container's networks. Called on the
/// server's I/O threads, possibly concurrently; keep it quick and non-blocking.
/// </summary>
public interface IDnsResolver
{
    /// <summary>
    /// The addresses of a container name, network alias or short ID as seen from the container
    /// being served. <paramref name="name"/> is lower case, without trailing dot. Null: not a name
    /// of these networks, so the query is forwarded upstream. A list, even empty: the name exists;
    /// A questions get its IPv4 addresses, AAAA questions its IPv6 ones (an empty answer, NOERROR,
    /// when it has none — never forwarded, as Docker).
    /// </summary>
    IReadOnlyList<IPAddress>? LookupAddresses(string name);

    /// <summary>The name for a reverse (PTR) look-up of a container's address, or null to forward it.</summary>
    string? LookupName(IPAddress address);
}
