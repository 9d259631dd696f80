namespace Berth.Engine.Containers;

/// <summary>POST /containers/{id}/wait?condition=…</summary>
public enum WaitCondition
{
    NotRunning,
    NextExit,
    Removed,
}
