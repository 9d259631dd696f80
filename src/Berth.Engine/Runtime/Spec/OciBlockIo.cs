namespace Berth.Engine.Runtime.Spec;

/// <summary>Block-IO cgroup weight (10..1000).</summary>
public sealed class OciBlockIo
{
    public ushort? Weight { get; set; }
    public ushort? LeafWeight { get; set; }
}
