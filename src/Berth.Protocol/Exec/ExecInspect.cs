namespace Berth.Protocol.Exec;

/// <summary>GET /exec/{id}/json. ExitCode stays null until the process has exited.</summary>
public sealed class ExecInspect
{
    public string ID { get; set; } = "";
    public bool Running { get; set; }
    public int? ExitCode { get; set; }
    public ExecProcessConfig ProcessConfig { get; set; } = new();
    public bool OpenStdin { get; set; }
    public bool OpenStderr { get; set; }
    public bool OpenStdout { get; set; }
    public bool CanRemove { get; set; }
    public string ContainerID { get; set; } = "";
    public string DetachKeys { get; set; } = "";
    public int Pid { get; set; }
}
