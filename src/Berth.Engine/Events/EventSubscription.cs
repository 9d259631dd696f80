using System.Threading.Channels;

namespace Berth.Engine.Events;

/// <summary>A subscriber's view of the bus: the replayed past, then the live feed until disposed.</summary>
public sealed class EventSubscription(IReadOnlyList<EngineEvent> past, ChannelReader<EngineEvent> live, Action unsubscribe) : IDisposable
{
    public IReadOnlyList<EngineEvent> Past { get; } = past;
    public ChannelReader<EngineEvent> Live { get; } = live;

    public void Dispose() => unsubscribe();
}
