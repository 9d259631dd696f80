using System.Net;
using System.Net.Sockets;

namespace Berth.Engine.Networking.Dns;

/// <summary>
/// Docker's embedded DNS server (127.0.0.11 in containers on user-defined networks). The caller
/// makes the sockets inside the container's network namespace — a socket keeps the namespace it
/// was made in — and berthd serves them from the host, so forwarded queries leave from the host's
/// namespace and reach resolvers listening on the host's loopback.
/// </summary>
public sealed class EmbeddedDnsServer(DnsServerOptions? options = null)
{
    private readonly DnsServerOptions _options = options ?? new DnsServerOptions();

    /// <summary>
    /// Starts answering on <paramref name="udp"/> (bound) and <paramref name="tcp"/> (bound; it is
    /// put in the listening state here). Names <paramref name="resolver"/> does not know go to
    /// <paramref name="upstreams"/> (the first three, in order; SERVFAIL when none answers or the
    /// list is empty). Disposing the result stops serving and closes both sockets and every TCP
    /// connection at once. The sockets belong to the server from this call on.
    /// </summary>
    public IDisposable Serve(Socket udp, Socket? tcp, IDnsResolver resolver, IReadOnlyList<IPEndPoint> upstreams)
    {
        ArgumentNullException.ThrowIfNull(udp);
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(upstreams);
        var session = new EmbeddedDnsSession(udp, tcp, resolver, upstreams, _options);
        try
        {
            session.Start();
        }
        catch
        {
            session.Dispose();
            throw;
        }
        return session;
    }
}
