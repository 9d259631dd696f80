namespace Berth.Engine.Runtime.Spec;

/// <summary>
/// Capability sets by name ("CAP_CHOWN"). Docker fills bounding, effective and permitted and leaves
/// inheritable and ambient unset (a non-empty inheritable set was CVE-2022-24769).
/// </summary>
public sealed class OciCapabilities
{
    public List<string>? Bounding { get; set; }
    public List<string>? Effective { get; set; }
    public List<string>? Inheritable { get; set; }
    public List<string>? Permitted { get; set; }
    public List<string>? Ambient { get; set; }
}
