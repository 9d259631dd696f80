using System.Runtime.InteropServices;

namespace Berth.Engine.Native;

internal static partial class Libc
{
    public const int ESRCH = 3;
    public const int EINTR = 4;

    [LibraryImport(Lib, EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int signal);

    /// <summary>Sends a signal; false if the process no longer exists.</summary>
    public static bool Kill(int pid, int signal)
    {
        if (KillNative(pid, signal) == 0) return true;
        if (LastErrno == ESRCH) return false;
        throw Error($"kill {pid}");
    }

    [LibraryImport(Lib, EntryPoint = "pipe2", SetLastError = true)]
    private static unsafe partial int Pipe2Native(int* fds, int flags);

    public static unsafe (int Read, int Write) Pipe()
    {
        var fds = stackalloc int[2];
        if (Pipe2Native(fds, O_CLOEXEC) != 0) throw Error("pipe2");
        return (fds[0], fds[1]);
    }


    [LibraryImport(Lib, EntryPoint = "read", SetLastError = true)]
    public static unsafe partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport(Lib, EntryPoint = "waitpid", SetLastError = true)]
    public static partial int WaitPid(int pid, out int status, int options);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_init")]
    private static partial int FileActionsInit(nint actions);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_adddup2")]
    private static partial int FileActionsAddDup2(nint actions, int fd, int newFd);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_addopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int FileActionsAddOpen(nint actions, int fd, string path, int flags, int mode);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_destroy")]
    private static partial int FileActionsDestroy(nint actions);

    [LibraryImport(Lib, EntryPoint = "posix_spawn", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int PosixSpawn(out int pid, string path, nint fileActions, nint attr, byte** argv, byte** envp);

    /// <summary>
    /// Starts a program with stdin/stdout on /dev/null, stderr to <paramref name="stderrPath"/>, and
    /// the given fds dup'ed to fixed numbers (conmon reads its sync pipe from fd 3). posix_spawn,
    /// unlike Process.Start, can place inherited fds; it is also cheaper than fork in a large process.
    /// </summary>
    public static int Spawn(string path, IReadOnlyList<string> args, IReadOnlyList<string> env, IReadOnlyList<(int Fd, int Target)> fds, string stderrPath) =>
        SpawnWithActions(path, args, env, actions =>
        {
            FileActionsAddOpen(actions, 0, "/dev/null", 0 /* O_RDONLY */, 0);
            FileActionsAddOpen(actions, 1, "/dev/null", 1 /* O_WRONLY */, 0);
            FileActionsAddOpen(actions, 2, stderrPath, 1 | 0x40 | 0x400 /* O_WRONLY|O_CREAT|O_APPEND */, 0x180);
            foreach (var (fd, target) in fds) FileActionsAddDup2(actions, fd, target);
        });

    /// <summary>posix_spawn with the file actions <paramref name="addActions"/> sets up.</summary>
    private static unsafe int SpawnWithActions(string path, IReadOnlyList<string> args, IReadOnlyList<string> env, Action<nint> addActions)
    {
        var actions = Marshal.AllocHGlobal(128);
        var allocations = new List<nint>();
        try
        {
            FileActionsInit(actions);
            addActions(actions);
            var argv = ToCStringArray(args, allocations);
            var envp = ToCStringArray(env, allocations);
            var rc = PosixSpawn(out var pid, path, actions, 0, argv, envp);
            if (rc != 0) throw new IOException($"spawn {path}: {ErrnoMessage(rc)}", rc);
            return pid;
        }
        finally
        {
            FileActionsDestroy(actions);
            Marshal.FreeHGlobal(actions);
            foreach (var p in allocations) Marshal.FreeHGlobal(p);
        }
    }

    private static unsafe byte** ToCStringArray(IReadOnlyList<string> values, List<nint> allocations)
    {
        var array = (byte**)Marshal.AllocHGlobal((values.Count + 1) * sizeof(nint));
        allocations.Add((nint)array);
        for (var i = 0; i < values.Count; i++)
        {
            var s = Marshal.StringToCoTaskMemUTF8(values[i]);
            allocations.Add(s);
            array[i] = (byte*)s;
        }
        array[values.Count] = null;
        return array;
    }
}
