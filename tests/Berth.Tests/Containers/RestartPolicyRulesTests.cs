using Berth.Engine.Containers;
using Berth.Engine.Errors;
using Berth.Protocol.Containers;
using Xunit;

namespace Berth.Tests.Containers;

public sealed class RestartPolicyRulesTests
{
    private static RestartPolicy P(string name, int max = 0) => new() { Name = name, MaximumRetryCount = max };

    [Fact]
    public void Backoff_starts_at_100ms_doubles_and_caps_at_a_minute()
    {
        var b = new RestartBackoff();
        var quick = TimeSpan.FromSeconds(1);
        var delays = Enumerable.Range(0, 12).Select(_ => b.Next(quick).TotalMilliseconds).ToList();
        Assert.Equal([100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 51200, 60000, 60000], delays);
    }

    [Fact]
    public void Backoff_resets_after_a_run_of_ten_seconds()
    {
        var b = new RestartBackoff();
        b.Next(TimeSpan.Zero);
        b.Next(TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromMilliseconds(100), b.Next(TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.FromMilliseconds(200), b.Next(TimeSpan.FromSeconds(9)));
    }

    [Theory]
    [InlineData("no", 1, false, 0, false)]
    [InlineData("always", 0, false, 0, true)]
    [InlineData("always", 0, true, 0, false)]
    [InlineData("unless-stopped", 0, false, 5, true)]
    [InlineData("unless-stopped", 137, true, 0, false)]
    [InlineData("on-failure", 0, false, 0, false)]
    [InlineData("on-failure", 1, false, 100, true)]
    [InlineData("on-failure", 1, true, 0, false)]
    public void On_exit(string name, int code, bool manually, int count, bool expected) =>
        Assert.Equal(expected, RestartPolicyRules.OnExit(P(name), code, manually, count));

    [Fact]
    public void On_failure_stops_at_the_maximum_retry_count()
    {
        Assert.True(RestartPolicyRules.OnExit(P("on-failure", 2), 1, false, 1));
        Assert.False(RestartPolicyRules.OnExit(P("on-failure", 2), 1, false, 2));
    }

    [Fact]
    public void At_daemon_start_always_restarts_even_a_stopped_container_but_unless_stopped_does_not()
    {
        Assert.True(RestartPolicyRules.OnDaemonStart(P("always"), 137, true, 0));
        Assert.False(RestartPolicyRules.OnDaemonStart(P("unless-stopped"), 137, true, 0));
        Assert.True(RestartPolicyRules.OnDaemonStart(P("unless-stopped"), 0, false, 0));
        Assert.False(RestartPolicyRules.OnDaemonStart(P("no"), 1, false, 0));
    }

    [Theory]
    [InlineData("bogus", 0, "unknown policy 'bogus'")]
    [InlineData("always", 3, "maximum retry count can only be used with 'on-failure'")]
    [InlineData("on-failure", -1, "maximum retry count cannot be negative")]
    public void Invalid_policies_are_refused(string name, int max, string message)
    {
        var e = Assert.Throws<BerthException>(() => RestartPolicyRules.Validate(P(name, max)));
        Assert.Contains(message, e.Message);
    }
}
