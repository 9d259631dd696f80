namespace Berth.Engine.Containers;

/// <summary>Docker's container states (State.Status).</summary>
public enum ContainerStatus
{
    Created,
    Running,
    Paused,
    Restarting,
    Removing,
    Exited,
    Dead,
}
