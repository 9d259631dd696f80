using System.Collections.Concurrent;

namespace Berth.Engine.Containers;

/// <summary>Pending waits on containers, completed with the exit code when the container exits or is removed.</summary>
public sealed class ContainerWaiters
{
    private readonly ConcurrentDictionary<string, List<(WaitCondition Condition, TaskCompletionSource<int> Done)>> _waits = new();

    public Task<int> Register(string id, WaitCondition condition)
    {
        var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var list = _waits.GetOrAdd(id, _ => []);
        lock (list) list.Add((condition, tcs));
        return tcs.Task;
    }

    /// <summary>Drops a registration that is not needed after all (the wait was answered at once).</summary>
    public void Cancel(string id, Task<int> wait)
    {
        if (!_waits.TryGetValue(id, out var list)) return;
        lock (list) list.RemoveAll(w => w.Done.Task == wait);
    }

    public void Exited(string id, int exitCode) => Complete(id, exitCode, c => c != WaitCondition.Removed);

    public void Removed(string id, int exitCode)
    {
        Complete(id, exitCode, _ => true);
        _waits.TryRemove(id, out _);
    }

    private void Complete(string id, int exitCode, Func<WaitCondition, bool> which)
    {
        if (!_waits.TryGetValue(id, out var list)) return;
        List<TaskCompletionSource<int>> done;
        lock (list)
        {
            done = list.Where(w => which(w.Condition)).Select(w => w.Done).ToList();
            list.RemoveAll(w => which(w.Condition));
        }
        foreach (var tcs in done) tcs.TrySetResult(exitCode);
    }
}
