using System.Text.Json;
using Berth.Engine.Native;
using Berth.Engine.Runtime;
using Berth.Engine.Runtime.Spec;
using Microsoft.Win32.SafeHandles;

namespace Berth.Engine.Exec;

/// <summary>
/// Runs one exec as `runc exec --process` in the foreground: runc stays until the process exits and
/// exits with its status, so waiting for runc gives the exit code. Without a TTY runc's stdio are
/// pipes berthd owns; with one they are the slave of a pty berthd holds (see <see cref="ExecTerminal"/>).
/// </summary>
internal sealed class ExecLauncher(ConmonRuntime runtime, string stateRoot)
{
    private const int WNOHANG = 1;
    private static readonly string[] RuncEnvironment = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"];

    /// <summary>Starts the process; the streams are null for a detached exec (its output is dropped).</summary>
    public ExecIo? Launch(ExecSession session, OciProcess process, bool detach)
    {
        var dir = Path.Combine(stateRoot, session.Id);
        Directory.CreateDirectory(dir);
        var processFile = Path.Combine(dir, "process.json");
        File.WriteAllText(processFile, JsonSerializer.Serialize(process, OciSpecJson.Default.OciProcess));
        var pidFile = Path.Combine(dir, "pid");
        var logFile = Path.Combine(dir, "runc.log");
        List<string> args =
        [
            runtime.RuncPath, "--root=" + runtime.RuncRoot, "--log", logFile, "--log-format", "json",
            "exec", "--process", processFile, "--pid-file", pidFile, session.ContainerId,
        ];
        var childEnds = new List<int>();
        var ours = new List<int>();
        try
        {
            ExecIo? io;
            int pid;
            if (process.Terminal)
            {
                var (master, slave) = Libc.OpenPty();
                ours.Add(master);
                childEnds.Add(slave);
                if (session.Size is { } size) Libc.SetWindowSize(master, size.Rows, size.Columns);
                pid = Libc.SpawnWithStdio(runtime.RuncPath, args, RuncEnvironment, slave, slave, slave);
                session.AttachTerminal(new ExecTerminal(master, pid));
                var output = new TerminalReadStream(StreamOf(Libc.Dup(master), FileAccess.Read));
                if (detach)
                {
                    _ = Task.Run(() => output.CopyToAsync(Stream.Null).ContinueWith(_ => output.Dispose(), TaskScheduler.Default));
                    io = null;
                }
                else
                {
                    var input = session.Config.AttachStdin ? StreamOf(Libc.Dup(master), FileAccess.Write) : null;
                    io = new ExecIo(input, output, null, tty: true);
                }
            }
            else
            {
                var attachIn = session.Config.AttachStdin && !detach;
                var (stdinRead, stdinWrite) = attachIn ? Libc.Pipe() : (OpenNull(Libc.O_RDONLY), -1);
                childEnds.Add(stdinRead);
                if (stdinWrite >= 0) ours.Add(stdinWrite);
                var (stdoutRead, stdoutWrite) = detach ? (-1, OpenNull(Libc.O_WRONLY)) : Libc.Pipe();
                childEnds.Add(stdoutWrite);
                if (stdoutRead >= 0) ours.Add(stdoutRead);
                var (stderrRead, stderrWrite) = detach ? (-1, OpenNull(Libc.O_WRONLY)) : Libc.Pipe();
                childEnds.Add(stderrWrite);
                if (stderrRead >= 0) ours.Add(stderrRead);
                pid = Libc.SpawnWithStdio(runtime.RuncPath, args, RuncEnvironment, stdinRead, stdoutWrite, stderrWrite);
                io = detach ? null : new ExecIo(
                    stdinWrite >= 0 ? StreamOf(stdinWrite, FileAccess.Write) : null,
                    StreamOf(stdoutRead, FileAccess.Read), StreamOf(stderrRead, FileAccess.Read), tty: false);
            }
            var master2 = process.Terminal ? ours[0] : -1;
            ours.Clear();
            _ = Task.Factory.StartNew(() => AwaitExit(session, pid, pidFile, logFile, dir, master2), TaskCreationOptions.LongRunning);
            return io;
        }
        catch
        {
            foreach (var fd in ours) Libc.Close(fd);
            TryDelete(dir);
            throw;
        }
        finally
        {
            // The child has its copies; ours must go or the pipes never reach EOF.
            foreach (var fd in childEnds) Libc.Close(fd);
        }
    }

    private static void AwaitExit(ExecSession session, int runcPid, string pidFile, string logFile, string dir, int master)
    {
        int status;
        while (true)
        {
            var options = session.Pid == 0 ? WNOHANG : 0;
            var rc = Libc.WaitPid(runcPid, out status, options);
            if (rc == runcPid) break;
            if (rc < 0 && Libc.LastErrno != Libc.EINTR) { status = 255 << 8; break; }
            if (rc == 0)
            {
                if (ReadPid(pidFile) is { } pid) session.RecordPid(pid);
                else Thread.Sleep(5);
            }
        }
        if (session.Pid == 0 && ReadPid(pidFile) is { } late) session.RecordPid(late);
        var code = session.Pid == 0 ? StartFailureCode(logFile) : Libc.ExitStatusOf(status);
        if (master >= 0) Libc.Close(master);
        TryDelete(dir);
        session.RecordExit(code);
    }

    private static int? ReadPid(string pidFile)
    {
        try { return int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) && pid > 0 ? pid : null; }
        catch (IOException) { return null; }
    }

    /// <summary>Docker's codes for an exec that never ran: 127 when the command is not there, else 126.</summary>
    private static int StartFailureCode(string logFile)
    {
        string log;
        try { log = File.ReadAllText(logFile); }
        catch (IOException) { return 126; }
        return log.Contains("executable file not found", StringComparison.Ordinal) || log.Contains("no such file or directory", StringComparison.Ordinal)
            ? 127 : 126;
    }

    private static int OpenNull(int flags)
    {
        var fd = Libc.Open("/dev/null", flags | Libc.O_CLOEXEC, 0);
        return fd >= 0 ? fd : throw Libc.Error("open /dev/null");
    }

    private static FileStream StreamOf(int fd, FileAccess access) => new(new SafeFileHandle(fd, ownsHandle: true), access, bufferSize: 0);

    private static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
