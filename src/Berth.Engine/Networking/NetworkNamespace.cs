using Berth.Engine.Native;

namespace Berth.Engine.Networking;

/// <summary>
/// Runs code inside another process's network namespace on a thread of its own: setns changes only
/// the calling thread, and sockets made there stay in that namespace after the thread has gone.
/// </summary>
public static class NetworkNamespace
{
    public static T Run<T>(int pid, Func<T> work)
    {
        var fd = OpenOf(pid);
        try { return RunIn(fd, work); }
        finally { Libc.Close(fd); }
    }

    /// <summary>An fd of /proc/&lt;pid&gt;/ns/net (the caller closes it).</summary>
    public static int OpenOf(int pid)
    {
        var fd = Libc.Open($"/proc/{pid}/ns/net", Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        if (fd < 0) throw Libc.Error($"open the network namespace of process {pid}");
        return fd;
    }

    public static T RunIn<T>(int netnsFd, Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            var home = Libc.Open("/proc/thread-self/ns/net", Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
            try
            {
                if (Libc.Setns(netnsFd, Libc.CLONE_NEWNET) != 0) throw Libc.Error("setns");
                try { result = work(); }
                finally
                {
                    // The thread ends right after, but leave it where it came from anyway.
                    if (home >= 0) Libc.Setns(home, Libc.CLONE_NEWNET);
                }
            }
            catch (Exception e) { failure = e; }
            finally { if (home >= 0) Libc.Close(home); }
        }, 256 * 1024) { IsBackground = true, Name = "netns" };
        thread.Start();
        thread.Join();
        if (failure is not null) throw failure is IOException or Errors.BerthException ? failure : new IOException(failure.Message, failure);
        return result;
    }
}
