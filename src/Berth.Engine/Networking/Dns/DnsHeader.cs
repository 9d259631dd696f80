namespace Berth.Engine.Networking.Dns;

/// <summary>Offsets and flag bits of the fixed 12-byte DNS header (RFC 1035 4.1.1).</summary>
internal static class DnsHeader
{
    public const int Length = 12;
    public const int FlagsOffset = 2;
    public const int QuestionCountOffset = 4;
    public const int AnswerCountOffset = 6;
    public const int AuthorityCountOffset = 8;
    public const int AdditionalCountOffset = 10;

    public const ushort Response = 0x8000;
    public const ushort OpcodeMask = 0x7800;
    public const ushort Truncated = 0x0200;
    public const ushort RecursionDesired = 0x0100;
    public const ushort RecursionAvailable = 0x0080;
    public const ushort CheckingDisabled = 0x0010;
    public const ushort ResponseCodeMask = 0x000F;

    /// <summary>Offset of the first name in a message: the question's, which answers point back to.</summary>
    public const ushort QuestionNamePointer = 0xC000 | Length;
}
