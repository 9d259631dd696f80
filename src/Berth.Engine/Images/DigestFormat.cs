namespace Berth.Engine.Images;

/// <summary>
/// go-digest's validation of "algorithm:hex" strings. Docker reports its two messages verbatim:
/// "invalid checksum digest format" and "unsupported digest algorithm".
/// </summary>
internal static class DigestFormat
{
    internal const string InvalidFormat = "invalid checksum digest format";
    internal const string Unsupported = "unsupported digest algorithm";

    /// <summary>Returns null when <paramref name="digest"/> is valid, otherwise go-digest's error text.</summary>
    internal static string? Validate(string digest)
    {
        var colon = digest.IndexOf(':');
        if (colon <= 0 || colon + 1 == digest.Length)
            return InvalidFormat;
        var algorithm = digest[..colon];
        var encoded = digest.AsSpan(colon + 1);
        var hexLength = algorithm switch
        {
            "sha256" => 64,
            "sha384" => 96,
            "sha512" => 128,
            _ => 0,
        };
        if (hexLength == 0)
            return ReferenceGrammar.LooseDigest().IsMatch(digest) ? Unsupported : InvalidFormat;
        if (encoded.Length != hexLength)
            return InvalidFormat;
        foreach (var c in encoded)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
                return InvalidFormat;
        }
        return null;
    }
}
