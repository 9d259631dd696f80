namespace Berth.Engine.Networking.Dns;

/// <summary>
/// Docker's embedded resolver's decision for one query: container names (A, AAAA, MX) and their
/// addresses (PTR) are answered here, everything else goes upstream.
/// </summary>
internal static class DnsQueryHandler
{
    /// <summary>The largest message over TCP, whose two-byte length prefix caps it (RFC 1035 4.2.2).</summary>
    public const int MaxTcpMessageSize = ushort.MaxValue;

    public static DnsHandling Handle(ReadOnlySpan<byte> packet, IDnsResolver resolver, bool overTcp)
    {
        switch (DnsQuery.Parse(packet, out var query))
        {
            case DnsParseResult.Malformed:
                return Reply(DnsResponse.HeaderOnly(packet, DnsResponseCode.FormatError));
            case DnsParseResult.Unsupported:
                return Reply(DnsResponse.HeaderOnly(packet, DnsResponseCode.NotImplemented));
            case DnsParseResult.Ignored:
                return DnsHandling.Drop;
        }

        var question = query!.Question;
        if (question.Class != DnsQuestion.ClassInternet || question.Name.Length == 0) return DnsHandling.Upstream(query);
        var maxSize = overTcp ? MaxTcpMessageSize : query.UdpPayloadSize;
        switch (question.Type)
        {
            case DnsRecordType.A:
            case DnsRecordType.Aaaa:
                var addresses = resolver.LookupAddresses(question.Name);
                if (addresses is null) break;
                // Docker shuffles so clients that take the first address spread over a name's containers.
                var shuffled = addresses.ToArray();
                Random.Shared.Shuffle(shuffled);
                return DnsHandling.Answer(DnsResponse.Addresses(query, shuffled, maxSize));
            case DnsRecordType.Mx:
                // A container has no mail exchanger; an empty NOERROR lets mailers fall back to its A record (RFC 5321 5.1).
                if (resolver.LookupAddresses(question.Name) is null) break;
                return DnsHandling.Answer(DnsResponse.Empty(query, DnsResponseCode.NoError));
            case DnsRecordType.Ptr:
                if (!DnsReverseName.TryParse(question.Name, out var address)) break;
                if (resolver.LookupName(address) is not { } host || !DnsName.TryEncode(host, out var hostWire)) break;
                return DnsHandling.Answer(DnsResponse.Pointer(query, hostWire, maxSize));
        }
        return DnsHandling.Upstream(query);
    }

    private static DnsHandling Reply(byte[]? reply) => reply is null ? DnsHandling.Drop : DnsHandling.Answer(reply);
}
