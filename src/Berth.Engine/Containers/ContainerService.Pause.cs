using Berth.Engine.Errors;
using Berth.Engine.Runtime;

namespace Berth.Engine.Containers;

/// <summary>pause/unpause: the cgroup freezer through `runc pause/resume` (v1 freezer.state, v2 cgroup.freeze).</summary>
public sealed partial class ContainerService
{
    public async Task PauseAsync(Container c, CancellationToken ct)
    {
        var gate = LockOf(c.Id);
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!c.State.IsRunning) throw BerthException.Conflict($"Container {c.Id} is not running");
            if (c.State.Status == ContainerStatus.Paused) throw BerthException.Conflict($"Container {c.Id} is already paused");
            if (c.State.Status == ContainerStatus.Restarting)
                throw BerthException.Conflict($"Container {c.Id} is restarting, wait until the container is running");
            try { await _runtime.PauseAsync(c.Id, ct).ConfigureAwait(false); }
            catch (RuntimeException e) { throw BerthException.System($"Cannot pause container {c.Id}: {e.Message}", e); }
            c.State.Status = ContainerStatus.Paused;
            _store.Save(c);
            Emit(c, "pause");
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task UnpauseAsync(Container c, CancellationToken ct)
    {
        var gate = LockOf(c.Id);
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (c.State.Status != ContainerStatus.Paused) throw BerthException.Conflict($"Container {c.Id} is not paused");
            await ResumeLockedAsync(c, ct).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task ResumeLockedAsync(Container c, CancellationToken ct)
    {
        try { await _runtime.ResumeAsync(c.Id, ct).ConfigureAwait(false); }
        catch (RuntimeException e) { throw BerthException.System($"Cannot unpause container {c.Id}: {e.Message}", e); }
        if (c.State.Status == ContainerStatus.Paused)
        {
            c.State.Status = ContainerStatus.Running;
            _store.Save(c);
            Emit(c, "unpause");
        }
    }

    /// <summary>
    /// After stop or kill has signalled a paused container: thaw it so the signal is delivered, as
    /// Docker does for the stop signal and SIGKILL (any other signal leaves it frozen, pending).
    /// </summary>
    private async Task ThawAfterSignalAsync(Container c, int signal)
    {
        if (c.State.Status != ContainerStatus.Paused) return;
        var stopSignal = string.IsNullOrEmpty(c.Config.StopSignal) ? (int?)null : Signals.Parse(c.Config.StopSignal, Signals.SIGTERM);
        if (signal != Signals.SIGKILL && stopSignal is { } s && s != signal) return;
        try { await ResumeLockedAsync(c, CancellationToken.None).ConfigureAwait(false); }
        catch (BerthException e) { Console.Error.WriteLine($"berthd: {e.Message}"); }
    }
}
