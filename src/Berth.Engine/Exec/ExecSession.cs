using Berth.Protocol.Exec;

namespace Berth.Engine.Exec;

/// <summary>
/// One exec instance: created, then started once, then exited. Kept after the exit so its code can
/// be inspected (Docker keeps them until the container goes); lives only as long as berthd.
/// </summary>
public sealed class ExecSession(string id, string containerId, ExecCreateRequest config)
{
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _launched = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private ExecTerminal? _terminal;

    public string Id { get; } = id;
    public string ContainerId { get; } = containerId;
    public ExecCreateRequest Config { get; } = config;
    public bool Started { get; private set; }
    public bool Running { get; private set; }
    public int? ExitCode { get; private set; }
    public int Pid { get; private set; }

    /// <summary>Completes once the process runs (its pid is known) or has failed to start.</summary>
    public Task Launched => _launched.Task;

    internal void RecordPid(int pid)
    {
        Pid = pid;
        _launched.TrySetResult();
    }

    /// <summary>The last size asked for (create, start or resize), as rows and columns.</summary>
    internal (ushort Rows, ushort Columns)? Size { get; private set; }

    /// <summary>Completes with the exit code once the process has exited and the code is recorded.</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>Claims the one start an exec gets; Docker's messages for a second one.</summary>
    internal void MarkStarted()
    {
        lock (_lock)
        {
            if (ExitCode is not null) throw Errors.BerthException.Conflict($"exec command {Id} has already run");
            if (Started) throw Errors.BerthException.Conflict($"Error: Exec command {Id} is already running");
            Started = true;
            Running = true;
        }
    }

    internal void AttachTerminal(ExecTerminal terminal)
    {
        lock (_lock) _terminal = terminal;
        if (Size is { } size) terminal.Resize(size.Rows, size.Columns);
    }

    public void Resize(int rows, int columns)
    {
        if (rows <= 0 || columns <= 0) return;
        var size = ((ushort)Math.Min(rows, ushort.MaxValue), (ushort)Math.Min(columns, ushort.MaxValue));
        ExecTerminal? terminal;
        lock (_lock)
        {
            Size = size;
            terminal = Running ? _terminal : null;
        }
        terminal?.Resize(size.Item1, size.Item2);
    }

    internal void RecordExit(int code)
    {
        lock (_lock)
        {
            Running = false;
            ExitCode = code;
            _terminal = null;
        }
        _launched.TrySetResult();
        _exited.TrySetResult(code);
    }
}
