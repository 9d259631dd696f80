using System.Diagnostics;

namespace Berth.Engine.Networking;

/// <summary>
/// With BERTH_NETWORK_TIMING=1 in berthd's environment, each container's network setup and teardown
/// time goes to berthd's log: bench/ reads it to check the per-container budget.
/// </summary>
public struct NetworkTiming
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("BERTH_NETWORK_TIMING") == "1";
    private long _elapsed;
    private long _since;

    public static NetworkTiming Start() => new() { _since = Stopwatch.GetTimestamp() };

    public void Pause() => _elapsed += Stopwatch.GetTimestamp() - _since;

    public void Resume() => _since = Stopwatch.GetTimestamp();

    public readonly void Report(string phase, string container)
    {
        if (!Enabled) return;
        var ticks = _elapsed + Stopwatch.GetTimestamp() - _since;
        Console.Error.WriteLine($"berthd: network {phase} {container} {ticks * 1000.0 / Stopwatch.Frequency:F3} ms");
    }
}
