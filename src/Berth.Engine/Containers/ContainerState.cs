namespace Berth.Engine.Containers;

/// <summary>The mutable run state of a container, persisted with its record.</summary>
public sealed class ContainerState
{
    public ContainerStatus Status { get; set; } = ContainerStatus.Created;
    public int Pid { get; set; }
    public int ConmonPid { get; set; }
    public int ExitCode { get; set; }
    public string Error { get; set; } = "";
    public bool OomKilled { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Set by stop/kill so restart policies know the user asked for it (unless-stopped).</summary>
    public bool ManuallyStopped { get; set; }

    public bool IsRunning => Status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting;
}
