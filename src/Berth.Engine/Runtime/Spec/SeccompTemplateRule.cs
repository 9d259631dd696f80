namespace Berth.Engine.Runtime.Spec;

/// <summary>
/// One rule of <see cref="SeccompTemplate"/>: an OCI syscall rule plus the conditions under which it
/// applies. The conditions mirror why the kernel guards a syscall, so a container granted the
/// capability also gets the syscall.
/// </summary>
internal sealed class SeccompTemplateRule
{
    public string? Comment { get; set; }
    public List<string> Names { get; set; } = [];
    public string Action { get; set; } = "SCMP_ACT_ALLOW";
    public uint? ErrnoRet { get; set; }
    public List<OciSyscallArg>? Args { get; set; }
    /// <summary>Applies only when every one of these capabilities is held.</summary>
    public List<string>? IncludesCaps { get; set; }
    /// <summary>Applies only when none of these capabilities is held.</summary>
    public List<string>? ExcludesCaps { get; set; }
    public List<string>? IncludesArches { get; set; }
    public List<string>? ExcludesArches { get; set; }

    public bool AppliesTo(IReadOnlySet<string> caps, string arch) =>
        (IncludesCaps is null || IncludesCaps.All(caps.Contains))
        && (ExcludesCaps is null || !ExcludesCaps.Any(caps.Contains))
        && (IncludesArches is null || IncludesArches.Contains(arch))
        && (ExcludesArches is null || !ExcludesArches.Contains(arch));

    public OciSyscall ToOci() => new()
    {
        Names = [.. Names],
        Action = Action,
        ErrnoRet = ErrnoRet,
        Args = Args?.Select(a => new OciSyscallArg { Index = a.Index, Value = a.Value, ValueTwo = a.ValueTwo, Op = a.Op }).ToList(),
    };
}
