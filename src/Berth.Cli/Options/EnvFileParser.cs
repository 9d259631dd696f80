using System.Text;

namespace Berth.Cli.Options;

/// <summary>
/// Docker's --env-file / --label-file format: one KEY=VALUE per line, leading whitespace and
/// "#" comment lines ignored, the value kept verbatim (no quotes processing, no trimming). A bare
/// KEY takes its value from the CLI's environment when a lookup is given and is dropped when the
/// variable is unset; without a lookup (label files) it is kept as is.
/// </summary>
internal static class EnvFileParser
{
    public static List<string> Parse(string fileName, byte[] content, Func<string, string?>? lookup)
    {
        var result = new List<string>();
        var lines = SplitLines(content);
        for (var n = 0; n < lines.Count; n++)
        {
            var raw = lines[n];
            if (n == 0 && raw.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) raw = raw[3..];
            string text;
            try { text = Strict.GetString(raw); }
            catch (DecoderFallbackException)
            {
                throw new FormatException($"env file {fileName} contains invalid utf8 bytes at line {n + 1}");
            }
            var line = text.TrimStart();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var eq = line.IndexOf('=');
            var variable = (eq < 0 ? line : line[..eq]).TrimStart(' ', '\t');
            if (variable.AsSpan().IndexOfAny(' ', '\t') >= 0)
                throw new FormatException($"poorly formatted environment: variable '{variable}' contains whitespaces");
            if (variable.Length == 0)
                throw new FormatException($"poorly formatted environment: no variable name on line '{line}'");
            if (eq >= 0)
            {
                result.Add(variable + "=" + line[(eq + 1)..]);
                continue;
            }
            var name = line.Trim();
            if (lookup is null) result.Add(name);
            else if (lookup(name) is { } value) result.Add(name + "=" + value);
        }
        return result;
    }

    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    /// <summary>Splits on '\n' and drops one trailing '\r' per line, like Go's bufio.ScanLines.</summary>
    private static List<byte[]> SplitLines(byte[] content)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i <= content.Length; i++)
        {
            if (i < content.Length && content[i] != '\n') continue;
            if (i == content.Length && start == content.Length) break;
            var end = i;
            if (end > start && content[end - 1] == '\r') end--;
            lines.Add(content[start..end]);
            start = i + 1;
        }
        return lines;
    }
}
