namespace Berth.Engine.Events;

/// <summary>One thing that happened to a container or image, in Docker's terms (Type, Action, Actor).</summary>
public sealed record EngineEvent(string Type, string Action, string ActorId, IReadOnlyDictionary<string, string> Attributes, DateTimeOffset Time)
{
    /// <summary>Nanoseconds since the Unix epoch (Docker's timeNano).</summary>
    public long TimeNano => (Time - DateTimeOffset.UnixEpoch).Ticks * 100;
}
