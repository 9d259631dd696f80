namespace Berth.Engine.Containers;

/// <summary>Why an attach session ended.</summary>
public enum AttachEnd
{
    /// <summary>The container closed its output (it exited) or the client stopped taking it.</summary>
    OutputClosed,
    /// <summary>The client's input ended and, by Docker's rules, so did the attach.</summary>
    InputClosed,
    /// <summary>The client typed the detach keys: the container runs on.</summary>
    Detached,
}
