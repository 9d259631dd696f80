namespace Berth.Engine.Runtime.Spec;

/// <summary>The root filesystem: a path (relative to the bundle or absolute) and whether it is mounted read-only.</summary>
public sealed class OciRoot
{
    public string Path { get; set; } = "rootfs";
    public bool Readonly { get; set; }
}
