using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Berth.Engine.Native;

namespace Berth.Engine.Runtime;

/// <summary>
/// Drives runc through conmon, one conmon per container. conmon double-forks away from berthd, holds
/// the container's stdio, writes the k8s-file log and, when the container ends, an exit file: so
/// berthd can die and come back without touching running containers.
/// </summary>
public sealed class ConmonRuntime
{
    private readonly EngineOptions _options;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lock> _resizeLocks = new(StringComparer.Ordinal);

    public ConmonRuntime(EngineOptions options)
    {
        _options = options;
        Directory.CreateDirectory(RuncRoot);
        Directory.CreateDirectory(ExitDir);
        Directory.CreateDirectory(SocketDir);
        RuncPath = ResolveProgram(options.RuntimePath);
        ConmonPath = ResolveProgram(options.ConmonPath);
    }

    public string RuncPath { get; }
    public string ConmonPath { get; }
    public string RuncRoot => Path.Combine(_options.ExecRoot, "runc");
    public string ExitDir => Path.Combine(_options.ExecRoot, "exits");
    public string SocketDir => Path.Combine(_options.ExecRoot, "sock");

    /// <summary>
    /// `runc create` under a new conmon. Returns once the container exists but before its process
    /// runs, so attach sockets can be connected before <see cref="StartAsync"/>.
    /// </summary>
    /// <param name="stdinOnce">Docker's StdinOnce: the container's stdin closes when an attach's stdin ends.</param>
    public async Task<(int Pid, int ConmonPid)> CreateAsync(string id, ContainerPaths paths, bool terminal, bool stdin, bool stdinOnce,
        CancellationToken ct)
    {
        File.Delete(Path.Combine(ExitDir, id));
        var args = new List<string>
        {
            ConmonPath, "--api-version", "1", "-c", id, "-u", id, "-n", id, "-r", RuncPath,
            "-b", paths.Bundle, "-p", paths.PidFile, "-P", paths.ConmonPidFile,
            "-l", "k8s-file:" + paths.LogPath, "--exit-dir", ExitDir, "--socket-dir-path", SocketDir,
            "--runtime-arg", "--root=" + RuncRoot, "--log-level", "error",
        };
        // conmon closes the container's stdin when an attach connection with -i ends (its read side
        // shut down or closed) unless told --leave-stdin-open. Docker closes it only for StdinOnce
        // containers without a TTY; a TTY's input needs no -i (conmon writes attach input to the
        // pty master either way), so an ended attach never hangs up the terminal.
        if (terminal) args.Add("-t");
        else if (stdin)
        {
            args.Add("-i");
            if (!stdinOnce) args.Add("--leave-stdin-open");
        }
        var (syncRead, syncWrite) = Libc.Pipe();
        int child;
        try
        {
            child = Libc.Spawn(ConmonPath, args, ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "_OCI_SYNCPIPE=3"],
                [(syncWrite, 3)], paths.ConmonLog);
        }
        finally
        {
            Libc.Close(syncWrite);
        }
        // The first conmon process exits as soon as it has forked its daemon half: reap it.
        _ = Task.Run(() => Libc.WaitPid(child, out _, 0));
        string reply;
        try
        {
            reply = await Task.Run(() => ReadAll(syncRead), ct).ConfigureAwait(false);
        }
        finally
        {
            Libc.Close(syncRead);
        }
        var (pid, message) = ParseSync(reply);
        if (pid <= 0)
        {
            await DeleteAsync(id).ConfigureAwait(false);
            throw new RuntimeException(message ?? $"conmon failed to create the container (see {paths.ConmonLog})");
        }
        var conmonPid = int.TryParse(File.ReadAllText(paths.ConmonPidFile).Trim(), out var cp) ? cp : 0;
        return (pid, conmonPid);
    }

    private static unsafe string ReadAll(int fd)
    {
        var sb = new StringBuilder();
        var buffer = stackalloc byte[4096];
        while (true)
        {
            var n = Libc.Read(fd, buffer, 4096);
            if (n < 0 && Libc.LastErrno == Libc.EINTR) continue;
            if (n <= 0) break;
            sb.Append(Encoding.UTF8.GetString(buffer, (int)n));
            // One JSON object per line; the create reply is the first line.
            if (sb.ToString().Contains('\n')) break;
        }
        return sb.ToString();
    }

    private static (int Pid, string? Message) ParseSync(string reply)
    {
        if (string.IsNullOrWhiteSpace(reply)) return (-1, null);
        using var doc = JsonDocument.Parse(reply.Split('\n')[0]);
        var pid = doc.RootElement.TryGetProperty("data", out var d) ? d.GetInt32() : -1;
        var message = doc.RootElement.TryGetProperty("message", out var m) ? RuncErrorText(m.GetString() ?? "") : null;
        return (pid, message);
    }

    /// <summary>runc logs logrus text (time=… level=error msg="…"); keep the msg, as Docker shows it.</summary>
    internal static string RuncErrorText(string raw)
    {
        var line = raw.Trim();
        var at = line.LastIndexOf("msg=\"", StringComparison.Ordinal);
        if (at < 0) return "OCI runtime create failed: " + line;
        var sb = new StringBuilder();
        for (var i = at + 5; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length) { sb.Append(line[++i]); continue; }
            if (c == '"') break;
            sb.Append(c);
        }
        return "OCI runtime create failed: " + sb;
    }

    /// <summary>
    /// What `runc start` does, without spawning it: runc's init waits in a blocking open of
    /// exec.fifo for writing; opening it for reading lets init write its byte and exec the
    /// container's process (the write end closes on exec), then the fifo is removed, which is how
    /// runc tells "created" from "running". If init dies first, the waiting open is released by
    /// opening the other end ourselves.
    /// </summary>
    public async Task StartAsync(string id, int pid, CancellationToken ct)
    {
        var fifo = Path.Combine(RuncRoot, id, "exec.fifo");
        var read = Task.Run(() => ReadExecFifo(fifo), CancellationToken.None);
        while (await Task.WhenAny(read, Task.Delay(100, ct)).ConfigureAwait(false) != read)
        {
            if (ProcessLiveness.IsAlive(pid)) continue;
            var unblock = Libc.Open(fifo, Libc.O_WRONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
            if (unblock >= 0) Libc.Close(unblock);
            await read.ConfigureAwait(false);
            throw new RuntimeException("OCI runtime start failed: container process is already dead");
        }
        if (!await read.ConfigureAwait(false)) throw new RuntimeException("OCI runtime start failed: cannot start an already running container");
    }

    /// <summary>True when init wrote its byte (the container was created and not started yet).</summary>
    private static unsafe bool ReadExecFifo(string path)
    {
        var fd = Libc.Open(path, Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        if (fd < 0) throw Libc.Error($"open {path}");
        var total = 0L;
        try
        {
            var buffer = stackalloc byte[16];
            while (true)
            {
                var n = Libc.Read(fd, buffer, 16);
                if (n < 0 && Libc.LastErrno == Libc.EINTR) continue;
                if (n <= 0) break;
                total += n;
            }
        }
        finally
        {
            Libc.Close(fd);
        }
        if (total > 0) File.Delete(path);
        return total > 0;
    }

    /// <summary>
    /// Sets a TTY container's window size through conmon, which holds the pty master: one
    /// "1 &lt;rows&gt; &lt;columns&gt;" line on the control fifo. conmon 2.1.6 handles every line of one read
    /// as if it were the first, so a resize waits until conmon has read the previous one (clients
    /// send two in a row: docker attach nudges the size by one and back).
    /// </summary>
    public void ResizeTerminal(ContainerPaths paths, int rows, int columns)
    {
        // One container's resizes one after another (conmon 2.1.6 applies only the first line of a
        // read, so a second line must not arrive before it has read the first); other containers
        // are not held up by a slow conmon.
        lock (_resizeLocks.GetOrAdd(Path.GetFileName(paths.Bundle), _ => new Lock()))
        {
            var fd = Libc.OpenFifoForWrite(paths.ControlFifo);
            try
            {
                Libc.WriteOnce(fd, Encoding.ASCII.GetBytes($"1 {rows} {columns}\n"));
                // Under load conmon can take a while to read: a shorter wait let the next size join
                // this line in one read, and conmon dropped it.
                var deadline = Environment.TickCount64 + 5000;
                while (Libc.BytesUnread(fd) > 0 && Environment.TickCount64 < deadline) Thread.Sleep(1);
            }
            finally
            {
                Libc.Close(fd);
            }
        }
    }

    public Task PauseAsync(string id, CancellationToken ct) => RunRuncAsync(ct, "pause", id);

    public Task ResumeAsync(string id, CancellationToken ct) => RunRuncAsync(ct, "resume", id);

    /// <summary>
    /// After the container's init has exited: what `runc delete` does for a stopped container,
    /// without spawning it — remove its cgroups and runc's state directory. Anything unusual (a
    /// process left in a cgroup, a shared PID namespace, a state that cannot be read) goes to
    /// `runc delete --force` as before.
    /// </summary>
    public async Task DeleteStoppedAsync(string id)
    {
        _resizeLocks.TryRemove(id, out _);
        if (TryDeleteStopped(id)) return;
        await DeleteAsync(id).ConfigureAwait(false);
    }

    private bool TryDeleteStopped(string id)
    {
        var dir = Path.Combine(RuncRoot, id);
        try
        {
            using var state = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "state.json")));
            var root = state.RootElement;
            if (ProcessLiveness.IsAlive(root.GetProperty("init_process_pid").GetInt32())) return false;
            // Only a PID namespace of its own guarantees that no process outlived init.
            var ownPidNamespace = root.GetProperty("config").GetProperty("namespaces").EnumerateArray()
                .Any(n => n.GetProperty("type").GetString() == "NEWPID" && n.GetProperty("path").GetString() is null or "");
            if (!ownPidNamespace) return false;
            if (root.TryGetProperty("cgroup_paths", out var paths) && paths.ValueKind == JsonValueKind.Object)
                foreach (var path in paths.EnumerateObject().Select(p => p.Value.GetString()).Distinct())
                    if (!string.IsNullOrEmpty(path) && Directory.Exists(path)) Directory.Delete(path);
            Directory.Delete(dir, recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    public async Task DeleteAsync(string id)
    {
        _resizeLocks.TryRemove(id, out _);
        try { await RunRuncAsync(CancellationToken.None, "delete", "--force", id).ConfigureAwait(false); }
        catch (RuntimeException) { /* already gone */ }
    }

    /// <summary>The exit code conmon recorded, or null while the container still runs.</summary>
    public int? ReadExitCode(string id)
    {
        var path = Path.Combine(ExitDir, id);
        try
        {
            var text = File.ReadAllText(path).Trim();
            return int.TryParse(text, out var code) ? code : null;
        }
        catch (FileNotFoundException) { return null; }
    }

    public void ClearExitFile(string id) => File.Delete(Path.Combine(ExitDir, id));

    private async Task RunRuncAsync(CancellationToken ct, params string[] args)
    {
        var psi = new ProcessStartInfo(RuncPath) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("--root=" + RuncRoot);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct).ConfigureAwait(false);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        if (process.ExitCode != 0) throw new RuntimeException(RuncErrorText(await stderr.ConfigureAwait(false)));
    }

    private static string ResolveProgram(string name)
    {
        if (name.Contains('/')) return name;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':').Append("/usr/sbin").Append("/usr/bin"))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return name;
    }
}
