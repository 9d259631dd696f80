using Berth.Engine.Errors;
using Berth.Engine.Events;
using Xunit;

namespace Berth.Tests.Events;

public sealed class EventBusTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static EngineEvent E(string action, int second, string type = "container", string id = "abc123", string name = "web") =>
        new(type, action, id, new Dictionary<string, string> { ["name"] = name, ["image"] = "busybox", ["team"] = "blue" }, T0.AddSeconds(second));

    [Fact]
    public void Subscribe_replays_kept_events_since_a_time_then_feeds_live_ones()
    {
        var bus = new EventBus();
        bus.Publish(E("create", 1));
        bus.Publish(E("start", 2));
        using var sub = bus.Subscribe(T0.AddSeconds(2));
        Assert.Equal(["start"], sub.Past.Select(e => e.Action));
        bus.Publish(E("die", 3));
        Assert.True(sub.Live.TryRead(out var live));
        Assert.Equal("die", live.Action);
    }

    [Fact]
    public void The_ring_keeps_only_the_most_recent_events()
    {
        var bus = new EventBus();
        for (var i = 0; i < EventBus.RingSize + 10; i++) bus.Publish(E("n" + i, i));
        using var sub = bus.Subscribe(T0);
        Assert.Equal(EventBus.RingSize, sub.Past.Count);
        Assert.Equal("n10", sub.Past[0].Action);
    }

    [Fact]
    public void A_disposed_subscription_gets_nothing_more()
    {
        var bus = new EventBus();
        var sub = bus.Subscribe(null);
        sub.Dispose();
        bus.Publish(E("create", 1));
        Assert.False(sub.Live.TryRead(out _));
    }

    private static EventFilter F(params (string Key, string Value)[] pairs) =>
        new(pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Value).ToList()));

    [Fact]
    public void Filters_follow_Dockers_rules()
    {
        var e = E("die", 1);
        Assert.True(F().Matches(e));
        Assert.True(F(("type", "container"), ("event", "die")).Matches(e));
        Assert.True(F(("event", "start"), ("event", "die")).Matches(e));
        Assert.False(F(("type", "image")).Matches(e));
        Assert.True(F(("container", "web")).Matches(e));
        Assert.True(F(("container", "abc")).Matches(e));
        Assert.False(F(("container", "other")).Matches(e));
        Assert.True(F(("image", "busybox")).Matches(e));
        Assert.True(F(("label", "team=blue")).Matches(e));
        Assert.True(F(("label", "team")).Matches(e));
        Assert.False(F(("label", "team=red")).Matches(e));
        Assert.False(F(("container", "web")).Matches(E("tag", 1, "image", "sha256:aa", "web")));
        Assert.Throws<BerthException>(() => F(("bogus", "x")));
    }
}
