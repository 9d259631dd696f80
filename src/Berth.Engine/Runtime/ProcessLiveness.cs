namespace Berth.Engine.Runtime;

/// <summary>
/// Whether a process still runs. A zombie counts as gone: when nothing reaps the double-forked
/// conmon (a pid 1 that does not wait), kill(pid, 0) alone would still say "alive".
/// </summary>
public static class ProcessLiveness
{
    public static bool IsAlive(int pid)
    {
        if (pid <= 0 || !Native.Libc.Kill(pid, 0)) return false;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) S …": the state follows the last ')' (comm may itself hold parentheses).
            var close = stat.LastIndexOf(')');
            return close < 0 || close + 2 >= stat.Length || stat[close + 2] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
