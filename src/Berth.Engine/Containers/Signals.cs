using Berth.Engine.Errors;

namespace Berth.Engine.Containers;

/// <summary>Linux signal names and numbers as Docker accepts them ("KILL", "SIGKILL", "9").</summary>
public static class Signals
{
    private static readonly Dictionary<string, int> Numbers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["HUP"] = 1, ["INT"] = 2, ["QUIT"] = 3, ["ILL"] = 4, ["TRAP"] = 5, ["ABRT"] = 6, ["IOT"] = 6, ["BUS"] = 7,
        ["FPE"] = 8, ["KILL"] = 9, ["USR1"] = 10, ["SEGV"] = 11, ["USR2"] = 12, ["PIPE"] = 13, ["ALRM"] = 14,
        ["TERM"] = 15, ["STKFLT"] = 16, ["CHLD"] = 17, ["CONT"] = 18, ["STOP"] = 19, ["TSTP"] = 20, ["TTIN"] = 21,
        ["TTOU"] = 22, ["URG"] = 23, ["XCPU"] = 24, ["XFSZ"] = 25, ["VTALRM"] = 26, ["PROF"] = 27, ["WINCH"] = 28,
        ["IO"] = 29, ["POLL"] = 29, ["PWR"] = 30, ["SYS"] = 31,
    };

    public const int SIGTERM = 15;
    public const int SIGKILL = 9;

    public static int Parse(string? value, int fallback = SIGKILL)
    {
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        var s = value.Trim();
        if (int.TryParse(s, out var n))
        {
            if (n is < 1 or > 64) throw BerthException.Invalid($"Invalid signal: {value}");
            return n;
        }
        if (s.StartsWith("SIG", StringComparison.OrdinalIgnoreCase)) s = s[3..];
        if (s.StartsWith("RTMIN", StringComparison.OrdinalIgnoreCase) || s.StartsWith("RTMAX", StringComparison.OrdinalIgnoreCase))
        {
            var offset = s.Length > 5 && int.TryParse(s[5..], out var o) ? o : 0;
            return s.StartsWith("RTMIN", StringComparison.OrdinalIgnoreCase) ? 34 + offset : 64 + offset;
        }
        return Numbers.TryGetValue(s, out var number) ? number : throw BerthException.Invalid($"Invalid signal: {value}");
    }
}
