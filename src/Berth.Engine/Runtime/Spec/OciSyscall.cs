namespace Berth.Engine.Runtime.Spec;

/// <summary>
/// A seccomp rule: the action for the named syscalls, optionally only when every argument condition holds.
/// </summary>
public sealed class OciSyscall
{
    public List<string> Names { get; set; } = [];
    public string Action { get; set; } = "SCMP_ACT_ALLOW";
    public uint? ErrnoRet { get; set; }
    public List<OciSyscallArg>? Args { get; set; }
}
