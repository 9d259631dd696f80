using System.Runtime.InteropServices;

namespace Berth.Engine.Native;

internal static partial class Libc
{
    /// <summary>
    /// Starts a program whose stdin, stdout and stderr are the given fds (dup'ed to 0, 1, 2; the
    /// originals are close-on-exec). Used for `runc exec`, whose stdio becomes the exec'd process's.
    /// </summary>
    public static int SpawnWithStdio(string path, IReadOnlyList<string> args, IReadOnlyList<string> env, int stdin, int stdout, int stderr) =>
        SpawnWithActions(path, args, env, actions =>
        {
            FileActionsAddDup2(actions, stdin, 0);
            FileActionsAddDup2(actions, stdout, 1);
            FileActionsAddDup2(actions, stderr, 2);
        });

    /// <summary>The exit status of a waitpid status word: the code, or 128 + signal (the shell's way).</summary>
    public static int ExitStatusOf(int status) => (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
}
