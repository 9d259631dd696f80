using System.Collections.Concurrent;
using System.Security.Cryptography;
using Berth.Engine.Containers;
using Berth.Engine.Errors;
using Berth.Engine.Runtime;
using Berth.Engine.Runtime.Spec;
using Berth.Engine.Users;
using Berth.Protocol.Exec;
using Berth.Protocol.Streams;

namespace Berth.Engine.Exec;

/// <summary>
/// `docker exec`: exec instances are created against a running container, started once with
/// `runc exec`, and inspected for their exit code. Sessions live in memory only (Docker's do not
/// survive a daemon restart either).
/// </summary>
public sealed class ExecService
{
    private readonly ContainerService _containers;
    private readonly ExecLauncher _launcher;
    private readonly ConcurrentDictionary<string, ExecSession> _sessions = new();

    public ExecService(EngineOptions options, ContainerService containers, ConmonRuntime runtime)
    {
        _containers = containers;
        var stateRoot = Path.Combine(options.ExecRoot, "exec");
        if (Directory.Exists(stateRoot)) Directory.Delete(stateRoot, true);
        Directory.CreateDirectory(stateRoot);
        _launcher = new ExecLauncher(runtime, stateRoot);
    }

    public ExecSession Create(Container c, ExecCreateRequest config)
    {
        EnsureRunning(c);
        if (config.Cmd is not { Count: > 0 }) throw BerthException.Invalid("No exec command specified");
        try { DetachKeys.Parse(config.DetachKeys); }
        catch (FormatException e) { throw BerthException.Invalid(e.Message); }
        ForgetExecsOfRemovedContainers();
        var session = new ExecSession(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), c.Id, config);
        if (config.ConsoleSize is [var rows, var columns]) session.Resize(rows, columns);
        _sessions[session.Id] = session;
        return session;
    }

    public ExecSession Get(string id) =>
        _sessions.TryGetValue(id, out var session) ? session : throw BerthException.NotFound($"No such exec instance: {id}");

    /// <summary>The execs of a container that have not ended (inspect's ExecIDs); null when there are none, as Docker.</summary>
    public List<string>? IdsOf(string containerId)
    {
        var ids = _sessions.Values.Where(s => s.ContainerId == containerId && s.ExitCode is null).Select(s => s.Id).ToList();
        return ids.Count > 0 ? ids : null;
    }

    /// <summary>Checks that the exec can start; call before answering so failures are plain API errors.</summary>
    public Container Prepare(ExecSession session)
    {
        var c = _containers.Store.TryResolve(session.ContainerId)
            ?? throw BerthException.NotFound($"No such container: {session.ContainerId}");
        EnsureRunning(c);
        if (session.ExitCode is not null) throw BerthException.Conflict($"exec command {session.Id} has already run");
        if (session.Started) throw BerthException.Conflict($"Error: Exec command {session.Id} is already running");
        return c;
    }

    /// <summary>
    /// Starts the process. Returns its streams, or null when detached. Fails (and counts as run, with
    /// Docker's 126) if the exec's user or directory cannot be used.
    /// </summary>
    public ExecIo? Start(ExecSession session, bool detach, int[]? consoleSize)
    {
        var c = Prepare(session);
        session.MarkStarted();
        if (consoleSize is [var rows, var columns]) session.Resize(rows, columns);
        try
        {
            var paths = _containers.PathsOf(c);
            var user = UserResolver.Resolve(paths.Rootfs, string.IsNullOrEmpty(session.Config.User) ? c.Config.User : session.Config.User,
                c.HostConfig.GroupAdd);
            var containerProcess = OciSpec.ReadFrom(paths.ConfigJson).Process ?? new OciProcess();
            var process = ExecProcessSpec.Build(containerProcess, c, session.Config, user, session.Size);
            return _launcher.Launch(session, process, detach);
        }
        catch (Exception e)
        {
            session.RecordExit(126);
            throw e is BerthException ? e : BerthException.System(e.Message, e);
        }
    }

    /// <summary>Finished execs stay inspectable as long as their container exists (Docker drops them with it).</summary>
    private void ForgetExecsOfRemovedContainers()
    {
        foreach (var session in _sessions.Values)
            if (session.ExitCode is not null && _containers.Store.TryResolve(session.ContainerId) is null)
                _sessions.TryRemove(session.Id, out _);
    }

    private static void EnsureRunning(Container c)
    {
        if (!c.State.IsRunning) throw BerthException.Conflict($"container {c.Id} is not running");
        if (c.State.Status == ContainerStatus.Paused) throw BerthException.Conflict($"container {c.Id} is paused, unpause the container before exec");
        if (c.State.Status == ContainerStatus.Restarting) throw BerthException.Conflict($"Container {c.Id} is restarting, wait until the container is running");
    }
}
