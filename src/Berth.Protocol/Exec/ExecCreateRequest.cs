namespace Berth.Protocol.Exec;

/// <summary>POST /containers/{id}/exec (Docker's ExecConfig / ExecOptions).</summary>
public sealed class ExecCreateRequest
{
    public string User { get; set; } = "";
    public bool Privileged { get; set; }
    public bool Tty { get; set; }
    public int[]? ConsoleSize { get; set; }
    public bool AttachStdin { get; set; }
    public bool AttachStderr { get; set; }
    public bool AttachStdout { get; set; }
    public bool Detach { get; set; }
    public string DetachKeys { get; set; } = "";
    public List<string>? Env { get; set; }
    public string WorkingDir { get; set; } = "";
    public List<string>? Cmd { get; set; }
}
