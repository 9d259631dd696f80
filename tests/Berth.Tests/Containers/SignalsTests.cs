using Berth.Engine.Containers;
using Berth.Engine.Errors;
using Xunit;

namespace Berth.Tests.Containers;

public sealed class SignalsTests
{
    [Theory]
    [InlineData("KILL", 9)]
    [InlineData("SIGKILL", 9)]
    [InlineData("sigterm", 15)]
    [InlineData("9", 9)]
    [InlineData("USR1", 10)]
    [InlineData("RTMIN+1", 35)]
    public void Names_with_or_without_SIG_and_numbers_are_accepted(string value, int expected) =>
        Assert.Equal(expected, Signals.Parse(value));

    [Theory]
    [InlineData("NOPE")]
    [InlineData("0")]
    [InlineData("65")]
    public void Unknown_signals_are_refused(string value) =>
        Assert.Equal("Invalid signal: " + value, Assert.Throws<BerthException>(() => Signals.Parse(value)).Message);
}
