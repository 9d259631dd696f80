namespace Berth.Engine.Networking.Dns;

/// <summary>The record types the embedded server answers itself (RFC 1035, 3596, 6891); every other type is forwarded.</summary>
internal enum DnsRecordType : ushort
{
    A = 1,
    Ptr = 12,
    Mx = 15,
    Aaaa = 28,
    Opt = 41,
}
