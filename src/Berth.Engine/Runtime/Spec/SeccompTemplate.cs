namespace Berth.Engine.Runtime.Spec;

/// <summary>
/// The embedded seccomp-default.json: an OCI seccomp profile whose rules may depend on the container's
/// capabilities and the host architecture. Resolved into an <see cref="OciSeccomp"/> per container.
/// </summary>
internal sealed class SeccompTemplate
{
    public string? Comment { get; set; }
    public string DefaultAction { get; set; } = "SCMP_ACT_ERRNO";
    public uint? DefaultErrnoRet { get; set; }
    /// <summary>Host architecture (Go name) → the seccomp architectures its binaries may use.</summary>
    public Dictionary<string, List<string>> Architectures { get; set; } = [];
    public List<SeccompTemplateRule> Rules { get; set; } = [];
}
