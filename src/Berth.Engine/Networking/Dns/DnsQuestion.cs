namespace Berth.Engine.Networking.Dns;

/// <summary>
/// The question of a query. <see cref="WireName"/> keeps the client's bytes (and so its letter
/// case, which resolvers using 0x20 randomisation check in the reply); <see cref="Name"/> is the
/// lower-case text used for look-ups.
/// </summary>
internal sealed record DnsQuestion(byte[] WireName, string Name, DnsRecordType Type, ushort Class)
{
    public const ushort ClassInternet = 1;

    /// <summary>Bytes the question takes in a message: the name, type and class.</summary>
    public int WireLength => WireName.Length + 4;
}
