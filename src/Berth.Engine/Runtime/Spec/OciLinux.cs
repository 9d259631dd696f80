namespace Berth.Engine.Runtime.Spec;

/// <summary>The Linux-specific part of the spec: namespaces, cgroups, devices, seccomp and path hiding.</summary>
public sealed class OciLinux
{
    public List<OciIdMapping>? UidMappings { get; set; }
    public List<OciIdMapping>? GidMappings { get; set; }
    public Dictionary<string, string>? Sysctl { get; set; }
    public OciResources? Resources { get; set; }
    public string? CgroupsPath { get; set; }
    public List<OciNamespace> Namespaces { get; set; } = [];
    public List<OciDevice>? Devices { get; set; }
    public OciSeccomp? Seccomp { get; set; }
    public string? RootfsPropagation { get; set; }
    public List<string>? MaskedPaths { get; set; }
    public List<string>? ReadonlyPaths { get; set; }
    public string? MountLabel { get; set; }
}
