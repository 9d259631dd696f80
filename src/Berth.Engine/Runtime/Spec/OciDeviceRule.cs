namespace Berth.Engine.Runtime.Spec;

/// <summary>
/// One device-cgroup rule. Null Type, Major or Minor mean "any" (a, *), so
/// { Allow = false, Access = "rwm" } denies every device.
/// </summary>
public sealed class OciDeviceRule
{
    public bool Allow { get; set; }
    public string? Type { get; set; }
    public long? Major { get; set; }
    public long? Minor { get; set; }
    public string? Access { get; set; }
}
