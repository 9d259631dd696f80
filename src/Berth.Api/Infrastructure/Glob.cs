namespace Berth.Api.Infrastructure;

/// <summary>Go's path.Match subset Docker's filters use: '*' (not across '/'), '?' and literal characters.</summary>
public static class Glob
{
    public static bool IsMatch(string pattern, string text) => Match(pattern, 0, text, 0);

    private static bool Match(string p, int pi, string t, int ti)
    {
        while (pi < p.Length)
        {
            var c = p[pi];
            if (c == '*')
            {
                for (var k = ti; k <= t.Length; k++)
                {
                    if (Match(p, pi + 1, t, k)) return true;
                    if (k < t.Length && t[k] == '/') return false;
                }
                return false;
            }
            if (ti >= t.Length) return false;
            if (c != '?' && c != t[ti]) return false;
            if (c == '?' && t[ti] == '/') return false;
            pi++;
            ti++;
        }
        return ti == t.Length;
    }
}
