using System.Threading.Channels;

namespace Berth.Engine.Events;

/// <summary>
/// The in-process event stream: publishers never block; each subscriber gets its own unbounded
/// channel; the most recent events are kept in a ring so `events --since` can replay them.
/// </summary>
public sealed class EventBus
{
    public const int RingSize = 1024;

    private readonly Lock _gate = new();
    private readonly EngineEvent?[] _ring = new EngineEvent?[RingSize];
    private readonly List<Channel<EngineEvent>> _subscribers = [];
    private long _count;
    private readonly TimeProvider _clock;

    public EventBus(TimeProvider? clock = null) => _clock = clock ?? TimeProvider.System;

    public DateTimeOffset Now => _clock.GetUtcNow();

    public void Publish(string type, string action, string actorId, IReadOnlyDictionary<string, string> attributes) =>
        Publish(new EngineEvent(type, action, actorId, attributes, Now));

    public void Publish(EngineEvent e)
    {
        lock (_gate)
        {
            _ring[_count % RingSize] = e;
            _count++;
            foreach (var s in _subscribers) s.Writer.TryWrite(e);
        }
    }

    /// <summary>
    /// The kept events from <paramref name="since"/> on, and a live feed of every later one: taken
    /// under one lock so nothing is missed or seen twice between the two.
    /// </summary>
    public EventSubscription Subscribe(DateTimeOffset? since)
    {
        var channel = Channel.CreateUnbounded<EngineEvent>(new UnboundedChannelOptions { SingleReader = true });
        List<EngineEvent> past;
        lock (_gate)
        {
            past = since is { } from ? Recent().Where(e => e.Time >= from).ToList() : [];
            _subscribers.Add(channel);
        }
        return new EventSubscription(past, channel.Reader, () =>
        {
            lock (_gate) _subscribers.Remove(channel);
            channel.Writer.TryComplete();
        });
    }

    private IEnumerable<EngineEvent> Recent()
    {
        var first = Math.Max(0, _count - RingSize);
        for (var i = first; i < _count; i++) yield return _ring[i % RingSize]!;
    }
}
