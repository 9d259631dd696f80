using System.Text;

namespace Berth.Cli.Formatting.Templates;

/// <summary>
/// The functions docker/cli adds to every --format template (templates.basicFunctions) and the
/// variants it uses when rendering table headers (templates.HeaderFunctions).
/// </summary>
internal static class DockerFunctions
{
    public static IEnumerable<TemplateFunction> Basic()
    {
        yield return new("json", [ParamKind.Any], null, a => GoJson.Encode(a[0]) ?? "");
        yield return new("split", [ParamKind.String, ParamKind.String], null, a => Split((string)a[0]!, (string)a[1]!));
        yield return new("join", [ParamKind.StringList, ParamKind.String], null, a => string.Join((string)a[1]!, (string[])a[0]!));
        yield return new("title", [ParamKind.String], null, a => Title((string)a[0]!));
        yield return new("lower", [ParamKind.String], null, a => ((string)a[0]!).ToLowerInvariant());
        yield return new("upper", [ParamKind.String], null, a => ((string)a[0]!).ToUpperInvariant());
        yield return new("pad", [ParamKind.String, ParamKind.Int, ParamKind.Int], null, a => Pad((string)a[0]!, (long)a[1]!, (long)a[2]!));
        yield return new("truncate", [ParamKind.String, ParamKind.Int], null, a => Truncate((string)a[0]!, (long)a[1]!));
    }

    /// <summary>Header variants keep the column title intact (pad is deliberately not overridden).</summary>
    public static IEnumerable<TemplateFunction> Header()
    {
        yield return new("json", [ParamKind.String], null, a => a[0]);
        yield return new("split", [ParamKind.String, ParamKind.String], null, a => a[0]);
        yield return new("join", [ParamKind.String, ParamKind.String], null, a => a[0]);
        yield return new("title", [ParamKind.String], null, a => a[0]);
        yield return new("lower", [ParamKind.String], null, a => a[0]);
        yield return new("upper", [ParamKind.String], null, a => a[0]);
        yield return new("truncate", [ParamKind.String, ParamKind.Int], null, a => a[0]);
    }

    /// <summary>strings.Split: an empty separator splits into characters.</summary>
    private static string[] Split(string text, string separator)
    {
        if (separator.Length == 0)
            return text.EnumerateRunes().Select(r => r.ToString()).ToArray();
        return text.Split(separator);
    }

    /// <summary>strings.Title: upper-cases the first letter after each separator.</summary>
    private static string Title(string text)
    {
        var sb = new StringBuilder(text.Length);
        var previous = new System.Text.Rune(' ');
        foreach (var rune in text.EnumerateRunes())
        {
            sb.Append(IsSeparator(previous) ? System.Text.Rune.ToUpperInvariant(rune).ToString() : rune.ToString());
            previous = rune;
        }
        return sb.ToString();
    }

    private static bool IsSeparator(System.Text.Rune rune)
    {
        var r = rune.Value;
        if (r <= 0x7F)
            return !(r is (>= '0' and <= '9') or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_');
        if (System.Text.Rune.IsLetter(rune) || System.Text.Rune.IsDigit(rune))
            return false;
        return System.Text.Rune.IsWhiteSpace(rune);
    }

    /// <summary>Spaces around a non-empty value.</summary>
    private static string Pad(string text, long prefix, long suffix)
    {
        if (text.Length == 0)
            return text;
        if (prefix < 0 || suffix < 0)
            throw new TemplateCallException("strings: negative Repeat count");
        return new string(' ', (int)prefix) + text + new string(' ', (int)suffix);
    }

    /// <summary>The first <paramref name="length"/> bytes of the value, as Docker's truncate slices them.</summary>
    private static string Truncate(string text, long length)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length < length)
            return text;
        if (length < 0)
            throw new TemplateCallException($"runtime error: slice bounds out of range [:{length}]");
        return Encoding.UTF8.GetString(bytes, 0, (int)length);
    }
}
