namespace Berth.Engine.Runtime.Spec;

/// <summary>
/// A condition on syscall argument Index. For SCMP_CMP_MASKED_EQ, Value is the mask and ValueTwo the
/// value the masked argument must equal.
/// </summary>
public sealed class OciSyscallArg
{
    public uint Index { get; set; }
    public ulong Value { get; set; }
    public ulong ValueTwo { get; set; }
    public string Op { get; set; } = "SCMP_CMP_EQ";
}
