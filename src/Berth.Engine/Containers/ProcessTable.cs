using Berth.Engine.Errors;

namespace Berth.Engine.Containers;

/// <summary>
/// `top`: the host's `ps` output cut down to a container's processes, as Docker returns it: the
/// header's words as Titles, one row per process with everything past the last title kept as one cell.
/// </summary>
public static class ProcessTable
{
    public static (List<string> Titles, List<List<string>> Processes) Parse(string psOutput, IReadOnlySet<int> pids)
    {
        var lines = psOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0) return ([], []);
        var titles = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var pidColumn = titles.IndexOf("PID");
        if (pidColumn < 0) throw BerthException.Invalid("Couldn't find PID field in ps output");
        var processes = new List<List<string>>();
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            if (fields.Count <= pidColumn || !int.TryParse(fields[pidColumn], out var pid) || !pids.Contains(pid)) continue;
            if (fields.Count > titles.Count)
            {
                var rest = string.Join(' ', fields.Skip(titles.Count - 1));
                fields = [.. fields.Take(titles.Count - 1), rest];
            }
            processes.Add(fields);
        }
        return (titles, processes);
    }
}
