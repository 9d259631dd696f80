using System.Collections.Concurrent;
using Berth.Engine.Errors;
using Berth.Protocol.Containers;

namespace Berth.Engine.Containers;

/// <summary>
/// Restart policies: after an exit the container waits in `restarting` for its back-off delay, then
/// starts again; a stop or kill by the user cancels the wait. On daemon start the policies are
/// applied to containers that ended while the daemon was away.
/// </summary>
public sealed partial class ContainerService
{
    private readonly ConcurrentDictionary<string, RestartBackoff> _backoffs = new();
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _pendingRestarts = new();

    /// <summary>Called under the container's lock right after an exit was recorded.</summary>
    private bool ScheduleRestartIfDue(Container c, int exitCode)
    {
        if (!RestartPolicyRules.OnExit(c.HostConfig.RestartPolicy, exitCode, c.State.ManuallyStopped, c.RestartCount)) return false;
        var ranFor = (c.State.FinishedAt ?? DateTimeOffset.UtcNow) - (c.State.StartedAt ?? DateTimeOffset.UtcNow);
        var delay = _backoffs.GetOrAdd(c.Id, _ => new RestartBackoff()).Next(ranFor);
        c.RestartCount++;
        c.State.Status = ContainerStatus.Restarting;
        _store.Save(c);
        var cts = new CancellationTokenSource();
        _pendingRestarts[c.Id] = cts;
        _ = RestartAfterAsync(c, cts, delay);
        return true;
    }

    private async Task RestartAfterAsync(Container c, CancellationTokenSource cts, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var gate = LockOf(c.Id);
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            // A stop, kill or rm that came first took the pending restart away.
            if (!_pendingRestarts.TryRemove(new KeyValuePair<string, CancellationTokenSource>(c.Id, cts))) return;
            if (_store.TryResolve(c.Id) is null) return;
            await StartLockedAsync(c, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            c.State.Status = ContainerStatus.Exited;
            c.State.FinishedAt ??= DateTimeOffset.UtcNow;
            _store.Save(c);
            Console.Error.WriteLine($"berthd: restarting {c.Id}: {e.Message}");
        }
        finally
        {
            gate.Release();
            cts.Dispose();
        }
    }

    /// <summary>
    /// Stop, kill and rm of a container waiting to be restarted: drop the restart and leave it exited.
    /// Returns false when no restart was pending.
    /// </summary>
    private async Task<bool> CancelPendingRestartAsync(Container c)
    {
        if (!_pendingRestarts.ContainsKey(c.Id)) return false;
        var gate = LockOf(c.Id);
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_pendingRestarts.TryRemove(c.Id, out var cts)) return false;
            await cts.CancelAsync().ConfigureAwait(false);
            c.State.Status = ContainerStatus.Exited;
            c.State.ManuallyStopped = true;
            _store.Save(c);
        }
        finally
        {
            gate.Release();
        }
        _waiters.Exited(c.Id, c.State.ExitCode);
        return true;
    }

    /// <summary>A start by the user begins the policy afresh (Docker resets the count and the back-off).</summary>
    private void ResetRestartPolicy(Container c)
    {
        c.RestartCount = 0;
        _backoffs.TryRemove(c.Id, out _);
    }

    /// <summary>`update --restart`: the new policy applies from the next exit.</summary>
    public void UpdateRestartPolicy(Container c, RestartPolicy policy)
    {
        RestartPolicyRules.Validate(policy);
        if (policy.Name == "") policy.Name = "no";
        if (c.HostConfig.AutoRemove && policy.Name != "no")
            throw BerthException.Invalid("Restart policy cannot be updated because AutoRemove is enabled for the container");
        c.HostConfig.RestartPolicy = policy;
        _store.Save(c);
    }

    /// <summary>
    /// At daemon start, after <see cref="Reconcile"/>: start the containers whose policy wants them up
    /// (those still running whose exit files are waiting go through the exit handler instead).
    /// </summary>
    private void ApplyRestartPoliciesAtStartup()
    {
        foreach (var c in _store.List())
        {
            if (c.State.Status != ContainerStatus.Exited || c.State.StartedAt is null) continue;
            if (!RestartPolicyRules.OnDaemonStart(c.HostConfig.RestartPolicy, c.State.ExitCode, c.State.ManuallyStopped, c.RestartCount)) continue;
            _ = StartForPolicyAsync(c);
        }
    }

    private async Task StartForPolicyAsync(Container c)
    {
        var gate = LockOf(c.Id);
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (c.State.Status != ContainerStatus.Exited) return;
            // A container whose monitor died with it may still be known to runc.
            await _runtime.DeleteAsync(c.Id).ConfigureAwait(false);
            await StartLockedAsync(c, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            c.State.Status = ContainerStatus.Exited;
            _store.Save(c);
            Console.Error.WriteLine($"berthd: restarting {c.Id} at start-up: {e.Message}");
        }
        finally
        {
            gate.Release();
        }
    }
}
