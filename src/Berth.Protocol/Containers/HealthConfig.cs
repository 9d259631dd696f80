namespace Berth.Protocol.Containers;

/// <summary>Docker's HealthConfig (kept and shown; health checks are not run yet).</summary>
public sealed class HealthConfig
{
    public List<string>? Test { get; set; }
    public long Interval { get; set; }
    public long Timeout { get; set; }
    public long StartPeriod { get; set; }
    public long StartInterval { get; set; }
    public int Retries { get; set; }
}
