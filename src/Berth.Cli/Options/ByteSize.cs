using System.Globalization;

namespace Berth.Cli.Options;

/// <summary>
/// go-units' RAMInBytes, which docker uses for -m/--memory and friends: a number (fractions
/// allowed) with an optional binary unit b, k, m, g, t, p (1k = 1024), optionally followed by
/// "i" and/or "b" ("512m", "1.5g", "2GiB", "100").
/// </summary>
internal static class ByteSize
{
    public static long ParseRam(string text)
    {
        var s = text.Trim();
        var i = 0;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
        var number = s[..i];
        var suffix = s[i..].TrimStart(' ').ToLowerInvariant();
        if (number.Length == 0 || number.StartsWith('.') || number.EndsWith('.')
            || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            throw new FormatException($"invalid size: '{text}'");
        if (suffix.EndsWith('b')) suffix = suffix[..^1];
        if (suffix.EndsWith('i')) suffix = suffix[..^1];
        long multiplier = suffix switch
        {
            "" => 1,
            "k" => 1L << 10,
            "m" => 1L << 20,
            "g" => 1L << 30,
            "t" => 1L << 40,
            "p" => 1L << 50,
            _ => throw new FormatException($"invalid size: '{text}'"),
        };
        return (long)(value * multiplier);
    }

    /// <summary>go-units' BytesSize ("23.54GiB"): binary units, four significant digits.</summary>
    public static string BinaryText(double size)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        var i = 0;
        while (size >= 1024 && i < units.Length - 1)
        {
            size /= 1024;
            i++;
        }
        return size.ToString("G4", CultureInfo.InvariantCulture) + units[i];
    }
}
