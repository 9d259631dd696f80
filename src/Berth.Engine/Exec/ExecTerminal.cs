using Berth.Engine.Native;

namespace Berth.Engine.Exec;

/// <summary>
/// The pseudo-terminal berthd holds for a TTY exec: `runc exec` runs with the slave as its stdio
/// and relays it to the container's own console, taking the size from it on start and on SIGWINCH.
/// A resize therefore sets the size on the master and then tells runc.
/// </summary>
internal sealed class ExecTerminal(int master, int runcPid)
{
    private const int SIGWINCH = 28;

    public int Master { get; } = master;

    public void Resize(ushort rows, ushort columns)
    {
        try
        {
            Libc.SetWindowSize(Master, rows, columns);
            Libc.Kill(runcPid, SIGWINCH);
        }
        catch (IOException)
        {
            // The exec ended meanwhile: there is no terminal left to size.
        }
    }
}
