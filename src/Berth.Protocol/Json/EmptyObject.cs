namespace Berth.Protocol.Json;

/// <summary>Go's struct{}{}: serialises as {} (used in ExposedPorts and Volumes maps).</summary>
public sealed class EmptyObject
{
    public static readonly EmptyObject Instance = new();
}
