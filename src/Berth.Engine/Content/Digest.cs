using System.Security.Cryptography;
using Berth.Engine.Errors;

namespace Berth.Engine.Content;

/// <summary>A content digest, "sha256:&lt;64 lowercase hex&gt;" (the only algorithm Berth stores).</summary>
public readonly record struct Digest(string Hex)
{
    public const string Sha256Prefix = "sha256:";

    public string Algorithm => "sha256";

    public override string ToString() => Sha256Prefix + Hex;

    /// <summary>The first 12 hex characters, as Docker shows IDs.</summary>
    public string Short => Hex[..12];

    public static Digest Parse(string value)
    {
        if (!TryParse(value, out var d))
            throw BerthException.Invalid($"invalid digest \"{value}\": expected sha256:<64 hex characters>");
        return d;
    }

    public static bool TryParse(string? value, out Digest digest)
    {
        digest = default;
        if (value is null || !value.StartsWith(Sha256Prefix, StringComparison.Ordinal)) return false;
        var hex = value.AsSpan(Sha256Prefix.Length);
        if (!IsHex64(hex)) return false;
        digest = new Digest(hex.ToString());
        return true;
    }

    public static bool IsHex64(ReadOnlySpan<char> hex)
    {
        if (hex.Length != 64) return false;
        foreach (var c in hex)
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c)) return false;
        return true;
    }

    public static Digest FromBytes(ReadOnlySpan<byte> data) => new(Convert.ToHexStringLower(SHA256.HashData(data)));

    public static Digest FromHash(IncrementalHash hash) => new(Convert.ToHexStringLower(hash.GetHashAndReset()));
}
