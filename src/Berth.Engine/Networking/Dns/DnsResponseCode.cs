namespace Berth.Engine.Networking.Dns;

/// <summary>RCODE values of a DNS header (RFC 1035 4.1.1).</summary>
internal enum DnsResponseCode : byte
{
    NoError = 0,
    FormatError = 1,
    ServerFailure = 2,
    NameError = 3,
    NotImplemented = 4,
    Refused = 5,
}
