namespace Berth.Protocol.Containers;

public sealed class RestartPolicy
{
    /// <summary>"", "no", "always", "unless-stopped" or "on-failure".</summary>
    public string Name { get; set; } = "no";
    public int MaximumRetryCount { get; set; }
}
