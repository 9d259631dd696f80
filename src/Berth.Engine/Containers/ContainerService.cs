using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Berth.Engine.Errors;
using Berth.Engine.Images;
using Berth.Engine.Networking;
using Berth.Engine.Runtime;
using Berth.Engine.Snapshots;
using Berth.Engine.Users;
using Berth.Protocol.Containers;

namespace Berth.Engine.Containers;

/// <summary>
/// The container lifecycle: create, start, stop, kill, remove, wait, rename. Operations on one
/// container are serialised by a per-container lock; the record is saved after every state change.
/// </summary>
public sealed partial class ContainerService : IDisposable
{
    private readonly EngineOptions _options;
    private readonly ContainerStore _store;
    private readonly ImageStore _images;
    private readonly LayerStore _layers;
    private readonly ConmonRuntime _runtime;
    private readonly ContainerWaiters _waiters = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();
    private readonly ExitWatcher _exitWatcher;
    private readonly string _emptyLayer;
    private readonly ContainerNetworking _networking;

    public ContainerService(EngineOptions options, ContainerStore store, ImageStore images, LayerStore layers, ConmonRuntime runtime,
        ContainerNetworking networking, Events.EventBus? events = null)
    {
        _options = options;
        _networking = networking;
        _networking.EmbeddedDnsChanged = (c, embedded) => ContainerFiles.WriteResolvConf(c, PathsOf(c), embedded).Upstreams;
        Events = events ?? new Events.EventBus();
        _store = store;
        _images = images;
        _layers = layers;
        _runtime = runtime;
        _emptyLayer = Path.Combine(options.SnapshotsRoot, "empty");
        Directory.CreateDirectory(_emptyLayer);
        Directory.CreateDirectory(Path.Combine(options.SnapshotsRoot, "rw"));
        Reconcile();
        SweepOrphans();
        RestoreNetworking();
        _exitWatcher = new ExitWatcher(runtime.ExitDir, id => _ = HandleExitAsync(id));
        ApplyRestartPoliciesAtStartup();
    }

    public ContainerAttacher Attacher { get; } = new();

    public ContainerStore Store => _store;

    public ContainerPaths PathsOf(Container c) => new(_options, c.Id);

    [GeneratedRegex("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
    private static partial Regex ValidName();

    public Container Create(ContainerCreateRequest request, string? name)
    {
        if (!string.IsNullOrEmpty(name) && !ValidName().IsMatch(name))
            throw BerthException.Invalid($"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        name = string.IsNullOrEmpty(name) ? NameGenerator.Next(_store.NameTaken) : name.TrimStart('/');
        if (string.IsNullOrEmpty(request.Image)) throw BerthException.Invalid("no image specified");
        var image = _images.Resolve(request.Image);
        var config = request.ToConfig();
        var host = request.HostConfig ?? new HostConfig();
        ContainerConfigMerger.Merge(config, image.Config.Config);
        var command = (config.Entrypoint ?? []).Concat(config.Cmd ?? []).ToList();
        if (command.Count == 0) throw BerthException.Invalid("no command specified");
        RestartPolicyRules.Validate(host.RestartPolicy);
        if (host.RestartPolicy.Name == "") host.RestartPolicy.Name = "no";
        if (host.AutoRemove && host.RestartPolicy.Name != "no")
            throw BerthException.Invalid("conflicting options: cannot specify both --restart and --rm");
        if (host.LogConfig.Type == "") host.LogConfig.Type = "k8s-file";
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        if (string.IsNullOrEmpty(config.Hostname)) config.Hostname = IsHostNetwork(host.NetworkMode) ? Environment.MachineName : id[..12];
        var container = new Container
        {
            Id = id, Name = name, Created = DateTimeOffset.UtcNow, ImageId = image.Id.ToString(),
            Config = config, HostConfig = host, Path = command[0], Args = command.Skip(1).ToList(),
        };
        _networking.Configure(container, request.NetworkingConfig, _store.TryResolve);
        var paths = PathsOf(container);
        try
        {
            Directory.CreateDirectory(paths.Upper);
            Directory.CreateDirectory(paths.Work);
            Directory.CreateDirectory(paths.Rootfs);
            ContainerFiles.Write(container, paths);
            _store.Add(container);
        }
        catch
        {
            DeleteFiles(paths);
            throw;
        }
        Emit(container, "create");
        return container;
    }

    private SemaphoreSlim LockOf(string id) => _locks.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));

    public async Task StartAsync(Container c, CancellationToken ct)
    {
        var gate = LockOf(c.Id);
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (c.State.Status == ContainerStatus.Paused)
                throw BerthException.Conflict("cannot start a paused container, try unpause instead");
            if (c.State.IsRunning) throw BerthException.NotModified("container already started");
            if (c.State.Status == ContainerStatus.Removing) throw BerthException.Conflict("container is marked for removal and cannot be started");
            ResetRestartPolicy(c);
        }
        catch
        {
            gate.Release();
            throw;
        }
        try
        {
            await StartLockedAsync(c, ct).ConfigureAwait(false);
        }
        catch (BerthException)
        {
            gate.Release();
            // A container that never ran still "exits" for waiters; with --rm it goes away (Docker).
            _waiters.Exited(c.Id, c.State.ExitCode);
            if (c.HostConfig.AutoRemove) await RemoveAsync(c, force: true, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        gate.Release();
    }

    private async Task StartLockedAsync(Container c, CancellationToken ct)
    {
        var paths = PathsOf(c);
        try
        {
            var join = NetworkJoinOf(c);
            var netClock = NetworkTiming.Start();
            var attachment = _networking.Prepare(c);
            netClock.Pause();
            WriteNetworkFiles(c, paths, attachment, join);
            MountRootfs(c, paths);
            var user = UserResolver.Resolve(paths.Rootfs, c.Config.User, c.HostConfig.GroupAdd);
            EnsureWorkingDir(c, paths);
            ContainerSpecFactory.Build(c, paths, user, _options.CgroupParent, join).WriteTo(paths.ConfigJson);
            var (pid, conmonPid) = await _runtime.CreateAsync(c.Id, paths, c.Config.Tty, c.Config.OpenStdin, c.Config.StdinOnce, ct).ConfigureAwait(false);
            netClock.Resume();
            _networking.Attach(c, pid, attachment);
            netClock.Report("setup", c.ShortId);
            Attacher.ConnectPending(c.Id, paths);
            c.State = new ContainerState
            {
                Status = ContainerStatus.Running, Pid = pid, ConmonPid = conmonPid, StartedAt = DateTimeOffset.UtcNow,
            };
            _store.Save(c);
            await _runtime.StartAsync(c.Id, pid, ct).ConfigureAwait(false);
            Emit(c, "start");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Attacher.CancelPending(c.Id);
            await _runtime.DeleteAsync(c.Id).ConfigureAwait(false);
            _networking.Release(c);
            TryUnmount(paths);
            c.State.Status = c.State.Status == ContainerStatus.Running ? ContainerStatus.Exited : ContainerStatus.Created;
            c.State.Pid = 0;
            c.State.Error = e.Message;
            c.State.ExitCode = ExitCodeFor(e.Message);
            _store.Save(c);
            throw e is BerthException ? e : BerthException.System(e.Message, e);
        }
    }

    /// <summary>The codes the docker CLI also derives: 127 command not found, 126 not executable.</summary>
    private static int ExitCodeFor(string message) =>
        message.Contains("executable file not found", StringComparison.Ordinal) || message.Contains("no such file or directory", StringComparison.Ordinal) ? 127
        : message.Contains("permission denied", StringComparison.Ordinal) ? 126
        : 128;

    private void MountRootfs(Container c, ContainerPaths paths)
    {
        var image = _images.Get(Content.Digest.Parse(c.ImageId))
            ?? throw BerthException.NotFound($"No such image: {c.ImageId}");
        var lowers = image.TopLayer is { } top
            ? _layers.Chain(top).Select(_layers.LinkPath).Reverse().ToList()
            : [_emptyLayer];
        OverlayRootfs.Mount(lowers, paths.Upper, paths.Work, paths.Rootfs);
    }

    private static void EnsureWorkingDir(Container c, ContainerPaths paths)
    {
        if (string.IsNullOrEmpty(c.Config.WorkingDir) || c.Config.WorkingDir == "/") return;
        if (!c.Config.WorkingDir.StartsWith('/'))
            throw BerthException.Invalid($"the working directory '{c.Config.WorkingDir}' is invalid, it needs to be an absolute path");
        var resolved = RootfsPath.Resolve(paths.Rootfs, c.Config.WorkingDir);
        if (File.Exists(resolved)) throw BerthException.Invalid($"Cannot mkdir: {c.Config.WorkingDir} is not a directory");
        Directory.CreateDirectory(resolved);
    }

    /// <summary>Stops with the stop signal, then SIGKILL after the timeout (Docker: 10 s unless set).</summary>
    private async Task StopUntilExitedAsync(Container c, int? timeoutSeconds, string? signal, CancellationToken ct)
    {
        if (!c.State.IsRunning) throw BerthException.NotModified("container already stopped");
        var exited = _waiters.Register(c.Id, WaitCondition.NotRunning);
        c.State.ManuallyStopped = true;
        if (await CancelPendingRestartAsync(c).ConfigureAwait(false)) return;
        var sig = Signals.Parse(signal ?? c.Config.StopSignal, Signals.SIGTERM);
        var timeout = timeoutSeconds ?? c.Config.StopTimeout ?? 10;
        SendSignal(c, sig);
        await ThawAfterSignalAsync(c, sig).ConfigureAwait(false);
        if (timeout < 0) { await exited.WaitAsync(ct).ConfigureAwait(false); return; }
        if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(timeout), ct)).ConfigureAwait(false) == exited) return;
        SendSignal(c, Signals.SIGKILL);
        await ThawAfterSignalAsync(c, Signals.SIGKILL).ConfigureAwait(false);
        await exited.WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends the signal; for SIGKILL it returns only once the container has exited, as Docker does,
    /// so a `kill` followed by `inspect` or `rm` sees the container stopped.
    /// </summary>
    public async Task KillAsync(Container c, string? signal, CancellationToken ct)
    {
        // Docker checks the signal first: "Invalid signal: FOO" even for a stopped container.
        var sig = Signals.Parse(signal, Signals.SIGKILL);
        if (!c.State.IsRunning)
            throw BerthException.Conflict($"cannot kill container: {c.Name}: container {c.Id} is not running");
        // The stop signal or SIGKILL from the user ends the restart policy until the next start (Docker).
        if (sig == Signals.SIGKILL || sig == Signals.Parse(c.Config.StopSignal, Signals.SIGTERM)) c.State.ManuallyStopped = true;
        if (await CancelPendingRestartAsync(c).ConfigureAwait(false)) return;
        if (sig != Signals.SIGKILL)
        {
            SendSignal(c, sig);
            await ThawAfterSignalAsync(c, sig).ConfigureAwait(false);
            return;
        }
        c.State.ManuallyStopped = true;
        var exited = _waiters.Register(c.Id, WaitCondition.NotRunning);
        // It may have exited on its own before the waiter was in place; then nothing will complete it.
        if (!c.State.IsRunning) return;
        SendSignal(c, sig);
        await ThawAfterSignalAsync(c, sig).ConfigureAwait(false);
        try
        {
            await exited.WaitAsync(TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw BerthException.System("tried to kill container, but did not receive an exit event");
        }
    }

    private void SendSignal(Container c, int signal)
    {
        if (c.State.Pid <= 0) return;
        Native.Libc.Kill(c.State.Pid, signal);
        Emit(c, "kill", ("signal", signal.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    public Task<int> WaitAsync(Container c, WaitCondition condition)
    {
        // Register before looking at the state: an exit recorded in between would otherwise be missed
        // (the state changes before waiters are completed, so one of the two always sees it).
        var wait = _waiters.Register(c.Id, condition);
        if (condition == WaitCondition.NotRunning && !c.State.IsRunning)
        {
            _waiters.Cancel(c.Id, wait);
            return Task.FromResult(c.State.ExitCode);
        }
        return wait;
    }

    public async Task RemoveAsync(Container c, bool force, CancellationToken ct)
    {
        if (force)
        {
            // The kill below must not be answered by the restart policy.
            c.State.ManuallyStopped = true;
            await CancelPendingRestartAsync(c).ConfigureAwait(false);
        }
        if (c.State.IsRunning)
        {
            if (!force)
                throw BerthException.Conflict($"cannot remove container \"/{c.Name}\": container is {(c.State.Status == ContainerStatus.Restarting ? "restarting" : "running")}: stop the container before removing or force remove");
            var exited = _waiters.Register(c.Id, WaitCondition.NotRunning);
            SendSignal(c, Signals.SIGKILL);
            await ThawAfterSignalAsync(c, Signals.SIGKILL).ConfigureAwait(false);
            await exited.WaitAsync(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
        }
        var gate = LockOf(c.Id);
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_store.TryResolve(c.Id) is null) return;
            if (c.State.Status == ContainerStatus.Removing) throw BerthException.Conflict($"removal of container {c.Id} is already in progress");
            c.State.Status = ContainerStatus.Removing;
            Attacher.CancelPending(c.Id);
            var paths = PathsOf(c);
            await _runtime.DeleteAsync(c.Id).ConfigureAwait(false);
            _networking.Release(c);
            TryUnmount(paths);
            _store.Remove(c);
            Emit(c, "destroy");
            DeleteFiles(paths);
            _runtime.ClearExitFile(c.Id);
        }
        finally
        {
            gate.Release();
            _locks.TryRemove(c.Id, out _);
        }
        _waiters.Removed(c.Id, c.State.ExitCode);
    }

    public void Rename(Container c, string newName)
    {
        newName = newName.TrimStart('/');
        if (!ValidName().IsMatch(newName))
            throw BerthException.Invalid($"Error when allocating new name: Invalid container name (/{newName}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        if (newName == c.Name) throw BerthException.Invalid("Renaming a container with the same name as its current name");
        var oldName = c.Name;
        _store.Rename(c, newName);
        Emit(c, "rename", ("oldName", oldName));
    }

    /// <summary>conmon wrote an exit file: record the exit, tidy the runtime state, honour --rm.</summary>
    private async Task HandleExitAsync(string id)
    {
        try
        {
            if (!Content.Digest.IsHex64(id)) return;
            var c = _store.TryResolve(id);
            if (c is null || c.Id != id) { _runtime.ClearExitFile(id); return; }
            var code = _runtime.ReadExitCode(id);
            for (var i = 0; code is null && i < 20; i++)
            {
                await Task.Delay(5).ConfigureAwait(false);
                code = _runtime.ReadExitCode(id);
            }
            if (code is null) return;
            var gate = LockOf(id);
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (!c.State.IsRunning) { _runtime.ClearExitFile(id); return; }
                await RecordExitAsync(c, code.Value).ConfigureAwait(false);
                ScheduleRestartIfDue(c, code.Value);
            }
            finally
            {
                gate.Release();
            }
            _waiters.Exited(id, code.Value);
            if (c.HostConfig.AutoRemove) await RemoveAsync(c, force: true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"berthd: handling exit of {id}: {e.Message}");
        }
    }

    private async Task RecordExitAsync(Container c, int code)
    {
        var paths = PathsOf(c);
        await _runtime.DeleteStoppedAsync(c.Id).ConfigureAwait(false);
        var netClock = NetworkTiming.Start();
        _networking.Release(c);
        netClock.Report("teardown", c.ShortId);
        TryUnmount(paths);
        _runtime.ClearExitFile(c.Id);
        c.State.Status = ContainerStatus.Exited;
        c.State.ExitCode = code;
        c.State.Pid = 0;
        c.State.ConmonPid = 0;
        c.State.FinishedAt = DateTimeOffset.UtcNow;
        _store.Save(c);
        EmitDie(c, code);
    }

    /// <summary>
    /// After a daemon restart: containers whose conmon is gone without an exit file died with the
    /// host or were killed; mark them exited. Running ones keep running (their exit files will come).
    /// </summary>
    private void Reconcile()
    {
        foreach (var c in _store.List().Where(c => c.State.IsRunning || c.State.Status == ContainerStatus.Removing))
        {
            if (c.State.Status == ContainerStatus.Removing) { c.State.Status = ContainerStatus.Dead; _store.Save(c); continue; }
            // The daemon died while it waited to restart: the exit stands, the policy is applied again.
            if (c.State.Status == ContainerStatus.Restarting) { c.State.Status = ContainerStatus.Exited; _store.Save(c); continue; }
            if (_runtime.ReadExitCode(c.Id) is not null) continue;
            if (ProcessLiveness.IsAlive(c.State.ConmonPid)) continue;
            c.State.Status = ContainerStatus.Exited;
            c.State.ExitCode = 255;
            c.State.Pid = 0;
            c.State.FinishedAt = DateTimeOffset.UtcNow;
            _networking.Release(c);
            _store.Save(c);
            TryUnmount(PathsOf(c));
        }
    }

    /// <summary>A crash between create's files and its row leaves directories no record names: drop them.</summary>
    private void SweepOrphans()
    {
        var known = _store.List().Select(c => c.Id).ToHashSet();
        foreach (var root in new[] { _options.ContainersRoot, Path.Combine(_options.SnapshotsRoot, "rw") })
        {
            if (!Directory.Exists(root)) continue;
            foreach (var dir in Directory.EnumerateDirectories(root))
            {
                var id = Path.GetFileName(dir);
                if (!Content.Digest.IsHex64(id) || known.Contains(id)) continue;
                var paths = new ContainerPaths(_options, id);
                TryUnmount(paths);
                try { DeleteFiles(paths); }
                catch (BerthException e) { Console.Error.WriteLine($"berthd: {e.Message}"); }
            }
        }
    }

    private static void TryUnmount(ContainerPaths paths)
    {
        try { OverlayRootfs.Unmount(paths.Rootfs); }
        catch (IOException) { }
    }

    private static void DeleteFiles(ContainerPaths paths)
    {
        // Never recurse into a rootfs that is still mounted: that would delete through the overlay.
        if (OverlayRootfs.IsMounted(paths.Rootfs)) throw BerthException.System($"cannot remove {paths.Bundle}: its root filesystem is still mounted");
        foreach (var dir in new[] { paths.WritableLayer, paths.Bundle })
        {
            try { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    public void Dispose() => _exitWatcher.Dispose();
}
