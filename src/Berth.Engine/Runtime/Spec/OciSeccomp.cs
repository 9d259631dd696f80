using System.Text.Json.Serialization;

namespace Berth.Engine.Runtime.Spec;

/// <summary>A seccomp filter in the spec's form (linux.seccomp); runc compiles it with libseccomp.</summary>
public sealed class OciSeccomp
{
    public string DefaultAction { get; set; } = "SCMP_ACT_ERRNO";
    public uint? DefaultErrnoRet { get; set; }
    public List<string>? Architectures { get; set; }
    public List<string>? Flags { get; set; }
    public List<OciSyscall>? Syscalls { get; set; }

    /// <summary>
    /// Set on profiles built from Berth's default template so that capability steps can rebuild the
    /// filter for the new capability set (Docker derives the profile from the final capabilities).
    /// Never written to config.json.
    /// </summary>
    [JsonIgnore]
    public bool IsDefaultProfile { get; set; }
}
