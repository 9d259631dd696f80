using Berth.Engine.Containers;
using Xunit;

namespace Berth.Tests.Containers;

public sealed class ContainerWaitersTests
{
    [Fact]
    public async Task Exit_completes_not_running_waits_and_removal_completes_the_rest()
    {
        var waiters = new ContainerWaiters();
        var notRunning = waiters.Register("c1", WaitCondition.NotRunning);
        var removed = waiters.Register("c1", WaitCondition.Removed);

        waiters.Exited("c1", 3);

        Assert.Equal(3, await notRunning);
        Assert.False(removed.IsCompleted);
        waiters.Removed("c1", 3);
        Assert.Equal(3, await removed);
    }

    [Fact]
    public void A_cancelled_registration_is_dropped_and_the_others_stay()
    {
        var waiters = new ContainerWaiters();
        var answeredAtOnce = waiters.Register("c2", WaitCondition.NotRunning);
        var real = waiters.Register("c2", WaitCondition.NotRunning);

        waiters.Cancel("c2", answeredAtOnce);
        waiters.Exited("c2", 0);

        Assert.True(real.IsCompletedSuccessfully);
        Assert.False(answeredAtOnce.IsCompleted);
    }
}
