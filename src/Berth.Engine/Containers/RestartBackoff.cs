namespace Berth.Engine.Containers;

/// <summary>
/// Docker's restart delay: 100 ms, doubled on every restart, capped at one minute, back to 100 ms
/// once the container has run for ten seconds or more.
/// </summary>
public sealed class RestartBackoff
{
    public static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan ResetAfter = TimeSpan.FromSeconds(10);

    private TimeSpan _delay = TimeSpan.Zero;

    /// <summary>The delay before the next restart of a container that ran for <paramref name="ranFor"/>.</summary>
    public TimeSpan Next(TimeSpan ranFor)
    {
        if (ranFor >= ResetAfter) _delay = TimeSpan.Zero;
        _delay = _delay == TimeSpan.Zero ? Initial : _delay * 2;
        if (_delay > Max) _delay = Max;
        return _delay;
    }
}
