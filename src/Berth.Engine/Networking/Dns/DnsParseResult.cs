namespace Berth.Engine.Networking.Dns;

/// <summary>What to do with a packet that arrived on the server's socket.</summary>
internal enum DnsParseResult
{
    /// <summary>A well-formed standard query with one question.</summary>
    Query,
    /// <summary>Too short to carry an ID, or itself a response: answering it could start a loop.</summary>
    Ignored,
    /// <summary>Has a header but not a question we can read: answer FORMERR.</summary>
    Malformed,
    /// <summary>An opcode other than QUERY: answer NOTIMP.</summary>
    Unsupported,
}
