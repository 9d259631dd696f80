using System.Text.Json;
using Berth.Engine.Errors;
using Berth.Protocol.Containers;
using Berth.Protocol.Json;

namespace Berth.Engine.Images;

/// <summary>
/// Applies Dockerfile-style instructions to an image config, as `import -c` and `commit -c` do:
/// CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR, STOPSIGNAL, ONBUILD.
/// </summary>
public static class ImageConfigChanges
{
    public static void Apply(ContainerConfig config, IEnumerable<string> changes)
    {
        foreach (var raw in changes)
        {
            var change = raw.Trim();
            if (change.Length == 0) continue;
            var space = change.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? change : change[..space]).ToUpperInvariant();
            var rest = space < 0 ? "" : change[(space + 1)..].Trim();
            switch (keyword)
            {
                case "CMD": config.Cmd = CommandForm(rest, shell: true); break;
                case "ENTRYPOINT": config.Entrypoint = CommandForm(rest, shell: true); break;
                case "ENV": SetEnv(config, rest); break;
                case "EXPOSE":
                    config.ExposedPorts ??= new();
                    foreach (var port in rest.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                        config.ExposedPorts[port.Contains('/') ? port : port + "/tcp"] = EmptyObject.Instance;
                    break;
                case "LABEL":
                    config.Labels ??= new();
                    foreach (var (k, v) in KeyValues(rest, "LABEL")) config.Labels[k] = v;
                    break;
                case "USER": config.User = rest; break;
                case "VOLUME":
                    config.Volumes ??= new();
                    foreach (var v in rest.StartsWith('[') ? (IEnumerable<string>)JsonArray(rest) : rest.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                        config.Volumes[v] = EmptyObject.Instance;
                    break;
                case "WORKDIR":
                    config.WorkingDir = rest.StartsWith('/') || config.WorkingDir.Length == 0
                        ? (rest.StartsWith('/') ? rest : "/" + rest)
                        : config.WorkingDir.TrimEnd('/') + "/" + rest;
                    break;
                case "STOPSIGNAL": config.StopSignal = rest; break;
                case "ONBUILD": (config.OnBuild ??= []).Add(rest); break;
                default:
                    throw BerthException.Invalid($"{keyword.ToLowerInvariant()} is not a valid change command");
            }
        }
    }

    private static List<string> CommandForm(string value, bool shell)
    {
        if (value.StartsWith('['))
        {
            try { return JsonArray(value); }
            catch (BerthException) { /* not JSON: Docker falls back to the shell form */ }
        }
        return shell ? ["/bin/sh", "-c", value] : [value];
    }

    private static List<string> JsonArray(string value)
    {
        try
        {
            return JsonSerializer.Deserialize(value, ProtocolJson.Default.ListString)
                ?? throw BerthException.Invalid($"invalid JSON array: {value}");
        }
        catch (JsonException)
        {
            throw BerthException.Invalid($"invalid JSON array: {value}");
        }
    }

    private static void SetEnv(ContainerConfig config, string rest)
    {
        config.Env ??= [];
        foreach (var (k, v) in KeyValues(rest, "ENV"))
        {
            var entry = k + "=" + v;
            var index = config.Env.FindIndex(e => e == k || e.StartsWith(k + "=", StringComparison.Ordinal));
            if (index >= 0) config.Env[index] = entry; else config.Env.Add(entry);
        }
    }

    /// <summary>"A=1 B='two words'" or the legacy single pair "A value with spaces".</summary>
    private static IEnumerable<(string Key, string Value)> KeyValues(string rest, string keyword)
    {
        var words = ShellWords(rest);
        if (words.Count == 0) throw BerthException.Invalid($"{keyword} requires at least one argument");
        if (!words[0].Contains('='))
        {
            var space = rest.IndexOfAny([' ', '\t']);
            if (space < 0) throw BerthException.Invalid($"{keyword} names can not be blank");
            yield return (rest[..space], rest[(space + 1)..].Trim());
            yield break;
        }
        foreach (var w in words)
        {
            var eq = w.IndexOf('=');
            if (eq <= 0) throw BerthException.Invalid($"{keyword} names can not be blank");
            yield return (w[..eq], w[(eq + 1)..]);
        }
    }

    private static List<string> ShellWords(string s)
    {
        var words = new List<string>();
        var cur = new System.Text.StringBuilder();
        var inWord = false;
        char quote = '\0';
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else if (c == '\\' && quote == '"' && i + 1 < s.Length) cur.Append(s[++i]);
                else cur.Append(c);
            }
            else if (c is '"' or '\'') { quote = c; inWord = true; }
            else if (c == '\\' && i + 1 < s.Length) { cur.Append(s[++i]); inWord = true; }
            else if (char.IsWhiteSpace(c)) { if (inWord) { words.Add(cur.ToString()); cur.Clear(); inWord = false; } }
            else { cur.Append(c); inWord = true; }
        }
        if (inWord) words.Add(cur.ToString());
        return words;
    }
}
