namespace Berth.Engine.Runtime.Spec;

/// <summary>The container's first process: what runs, as whom, with which privileges.</summary>
public sealed class OciProcess
{
    public bool Terminal { get; set; }
    public OciBox? ConsoleSize { get; set; }
    public OciUser User { get; set; } = new();
    public List<string> Args { get; set; } = [];
    public List<string>? Env { get; set; }
    public string Cwd { get; set; } = "/";
    public OciCapabilities? Capabilities { get; set; }
    public List<OciRlimit>? Rlimits { get; set; }
    public bool NoNewPrivileges { get; set; }
    public int? OomScoreAdj { get; set; }
    public string? ApparmorProfile { get; set; }
    public string? SelinuxLabel { get; set; }
}
