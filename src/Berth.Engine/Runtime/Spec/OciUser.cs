namespace Berth.Engine.Runtime.Spec;

/// <summary>Numeric identity of the process; names are resolved against the image before this point.</summary>
public sealed class OciUser
{
    public uint Uid { get; set; }
    public uint Gid { get; set; }
    public uint? Umask { get; set; }
    public List<uint>? AdditionalGids { get; set; }
}
