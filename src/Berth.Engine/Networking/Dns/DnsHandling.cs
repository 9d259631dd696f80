namespace Berth.Engine.Networking.Dns;

/// <summary>The outcome of looking at one packet: a reply to send, a query to forward upstream, or nothing.</summary>
internal readonly struct DnsHandling
{
    private DnsHandling(byte[]? reply, DnsQuery? forward)
    {
        Reply = reply;
        Forward = forward;
    }

    /// <summary>The reply to send back, when the server answers itself.</summary>
    public byte[]? Reply { get; }

    /// <summary>The parsed query, when it goes to the upstream servers.</summary>
    public DnsQuery? Forward { get; }

    public bool IsDrop => Reply is null && Forward is null;

    public static DnsHandling Drop => default;

    public static DnsHandling Answer(byte[] reply) => new(reply, null);

    public static DnsHandling Upstream(DnsQuery query) => new(null, query);
}
