namespace Berth.Engine.Runtime.Spec;

/// <summary>A device node runc creates in the container's /dev (linux.devices).</summary>
public sealed class OciDevice
{
    public string Path { get; set; } = "";
    /// <summary>c (character), b (block), u (unbuffered character) or p (FIFO).</summary>
    public string Type { get; set; } = "c";
    public long Major { get; set; }
    public long Minor { get; set; }
    /// <summary>Permission bits of the node (written as a decimal number, as the spec wants).</summary>
    public uint? FileMode { get; set; }
    public uint? Uid { get; set; }
    public uint? Gid { get; set; }
}
