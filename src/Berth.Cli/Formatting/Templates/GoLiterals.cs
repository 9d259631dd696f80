using System.Globalization;
using System.Text;
using Berth.Protocol.Formatting;

namespace Berth.Cli.Formatting.Templates;

/// <summary>
/// Go's literal syntax as the template parser reads it: strconv.Unquote for strings and character
/// constants, and NumberNode's int/uint/float readings (with base prefixes and '_' separators).
/// Each method returns null on success or Go's error text.
/// </summary>
internal static class GoLiterals
{
    private const string InvalidSyntax = "invalid syntax";

    /// <summary>strconv.Unquote of a "..." or `...` literal.</summary>
    public static string? Unquote(string literal, out string value)
    {
        value = "";
        if (literal.Length < 2)
            return InvalidSyntax;
        var quote = literal[0];
        if (quote == '`')
        {
            // Raw strings lose their carriage returns.
            value = literal[1..^1].Replace("\r", "", StringComparison.Ordinal);
            return null;
        }
        var body = literal[1..^1];
        if (body.Contains('\n'))
            return InvalidSyntax;
        var bytes = new List<byte>(body.Length);
        var i = 0;
        while (i < body.Length)
        {
            var error = UnquoteChar(body, ref i, quote, out var codePoint, out var isByte);
            if (error is not null)
                return error;
            AppendCodePoint(bytes, codePoint, isByte);
        }
        value = Encoding.UTF8.GetString(bytes.ToArray());
        return null;
    }

    /// <summary>A 'c' constant: its code point, or Go's error text.</summary>
    public static string? ParseCharConstant(string literal, out int codePoint)
    {
        codePoint = 0;
        var body = literal[1..];
        var i = 0;
        var error = UnquoteChar(body, ref i, '\'', out codePoint, out _);
        if (error is not null)
            return error;
        if (body[i..] != "'")
            return "malformed character constant: " + literal;
        return null;
    }

    /// <summary>Go's NumberNode: every reading of the text that strconv accepts.</summary>
    public static string? ParseNumber(string text, TokenKind kind, out GoNumber number)
    {
        number = default;
        if (kind == TokenKind.CharConstant)
        {
            var error = ParseCharConstant(text, out var rune);
            if (error is not null)
                return error;
            number = new GoNumber(true, true, true, true, rune, (ulong)rune, rune);
            return null;
        }
        // Complex constants have no counterpart in the values templates see here.
        if (kind == TokenKind.Complex || text.EndsWith('i'))
            return "illegal number syntax: " + GoStrings.Quote(text);

        bool isInt = false, isUint = false, isFloat = false;
        long i64 = 0;
        ulong u64 = 0;
        double f64 = 0;
        if (TryParseInteger(text, signed: false, out var magnitude, out _) )
        {
            isUint = true;
            u64 = magnitude;
        }
        if (TryParseInteger(text, signed: true, out magnitude, out var negative) &&
            (negative ? magnitude <= 1UL << 63 : magnitude <= long.MaxValue))
        {
            isInt = true;
            i64 = negative ? (long)(0 - magnitude) : (long)magnitude;
            if (i64 == 0)
            {
                isUint = true; // "-0"
                u64 = 0;
            }
        }
        if (isInt)
        {
            isFloat = true;
            f64 = i64;
        }
        else if (isUint)
        {
            isFloat = true;
            f64 = u64;
        }
        else if (TryParseFloat(text, out var f))
        {
            // A float reading of something that looks like an integer means it overflowed.
            if (text.IndexOfAny(['.', 'e', 'E', 'p', 'P']) < 0)
                return "integer overflow: " + GoStrings.Quote(text);
            isFloat = true;
            f64 = f;
            if (f >= -9.2233720368547758E18 && f < 9.2233720368547758E18 && Math.Truncate(f) == f)
            {
                isInt = true;
                i64 = (long)f;
            }
            if (f >= 0 && f < 1.8446744073709552E19 && Math.Truncate(f) == f)
            {
                isUint = true;
                u64 = (ulong)f;
            }
        }
        if (!isInt && !isUint && !isFloat)
            return "illegal number syntax: " + GoStrings.Quote(text);
        number = new GoNumber(isInt, isUint, isFloat, false, i64, u64, f64);
        return null;
    }

    /// <summary>strconv.ParseInt/ParseUint with base 0 (prefixes 0x, 0o, 0b, 0 and '_' separators).</summary>
    private static bool TryParseInteger(string text, bool signed, out ulong magnitude, out bool negative)
    {
        magnitude = 0;
        negative = false;
        var s = text.AsSpan();
        if (signed && s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s.IsEmpty)
            return false;
        var radix = 10;
        if (s[0] == '0')
        {
            if (s.Length >= 3 && char.ToLowerInvariant(s[1]) is 'b' or 'o' or 'x')
            {
                radix = char.ToLowerInvariant(s[1]) switch { 'b' => 2, 'o' => 8, _ => 16 };
                s = s[2..];
            }
            else
            {
                radix = 8;
                s = s[1..];
            }
        }
        var underscores = false;
        foreach (var c in s)
        {
            if (c == '_')
            {
                underscores = true;
                continue;
            }
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'z' => c - 'a' + 10,
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix)
                return false;
            if (magnitude > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
                return false;
            magnitude = magnitude * (ulong)radix + (ulong)digit;
        }
        return !underscores || UnderscoresOk(text);
    }

    /// <summary>Decimal floats as strconv.ParseFloat reads them (hex floats are not supported here).</summary>
    private static bool TryParseFloat(string text, out double value)
    {
        value = 0;
        if (text.Contains('x') || text.Contains('X'))
            return false;
        if (text.Contains('_'))
        {
            if (!UnderscoresOk(text))
                return false;
            text = text.Replace("_", "", StringComparison.Ordinal);
        }
        if (text.Length == 0 || text[^1] is '+' or '-')
            return false;
        return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                   CultureInfo.InvariantCulture, out value) && !double.IsInfinity(value);
    }

    /// <summary>Go's rule: '_' only between digits, or between a base prefix and a digit.</summary>
    private static bool UnderscoresOk(string s)
    {
        var saw = '^';
        var i = 0;
        if (s.Length >= 1 && s[0] is '-' or '+')
            s = s[1..];
        var hex = false;
        if (s.Length >= 2 && s[0] == '0' && char.ToLowerInvariant(s[1]) is 'b' or 'o' or 'x')
        {
            i = 2;
            saw = '0';
            hex = char.ToLowerInvariant(s[1]) == 'x';
        }
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c is >= '0' and <= '9' || hex && char.ToLowerInvariant(c) is >= 'a' and <= 'f')
            {
                saw = '0';
                continue;
            }
            if (c == '_')
            {
                if (saw != '0')
                    return false;
                saw = '_';
                continue;
            }
            if (saw == '_')
                return false;
            saw = '!';
        }
        return saw != '_';
    }

    /// <summary>strconv.UnquoteChar: one (possibly escaped) character at <paramref name="i"/>.</summary>
    private static string? UnquoteChar(string s, ref int i, char quote, out int codePoint, out bool isByte)
    {
        codePoint = 0;
        isByte = false;
        if (i >= s.Length)
            return InvalidSyntax;
        var c = s[i];
        if (c == quote && quote is '\'' or '"')
            return InvalidSyntax;
        if (c != '\\')
        {
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                codePoint = char.ConvertToUtf32(c, s[i + 1]);
                i += 2;
            }
            else
            {
                codePoint = c;
                i++;
            }
            return null;
        }
        if (i + 1 >= s.Length)
            return InvalidSyntax;
        var escape = s[i + 1];
        i += 2;
        switch (escape)
        {
            case 'a': codePoint = '\a'; return null;
            case 'b': codePoint = '\b'; return null;
            case 'f': codePoint = '\f'; return null;
            case 'n': codePoint = '\n'; return null;
            case 'r': codePoint = '\r'; return null;
            case 't': codePoint = '\t'; return null;
            case 'v': codePoint = '\v'; return null;
            case '\\': codePoint = '\\'; return null;
            case '\'' or '"':
                if (escape != quote)
                    return InvalidSyntax;
                codePoint = escape;
                return null;
            case 'x' or 'u' or 'U':
                var digits = escape == 'x' ? 2 : escape == 'u' ? 4 : 8;
                if (i + digits > s.Length || !int.TryParse(s.AsSpan(i, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
                    return InvalidSyntax;
                i += digits;
                if (escape == 'x')
                {
                    codePoint = hex;
                    isByte = true;
                    return null;
                }
                if (hex > 0x10FFFF || hex is >= 0xD800 and <= 0xDFFF)
                    return InvalidSyntax;
                codePoint = hex;
                return null;
            case >= '0' and <= '7':
                var octal = escape - '0';
                for (var j = 0; j < 2; j++)
                {
                    if (i >= s.Length || s[i] is < '0' or > '7')
                        return InvalidSyntax;
                    octal = octal * 8 + (s[i++] - '0');
                }
                if (octal > 255)
                    return InvalidSyntax;
                codePoint = octal;
                isByte = true;
                return null;
            default:
                return InvalidSyntax;
        }
    }

    private static void AppendCodePoint(List<byte> bytes, int codePoint, bool isByte)
    {
        if (isByte)
        {
            bytes.Add((byte)codePoint);
            return;
        }
        Span<byte> buffer = stackalloc byte[4];
        var rune = System.Text.Rune.IsValid(codePoint) ? new System.Text.Rune(codePoint) : System.Text.Rune.ReplacementChar;
        var n = rune.EncodeToUtf8(buffer);
        for (var k = 0; k < n; k++)
            bytes.Add(buffer[k]);
    }
}
