namespace Berth.Protocol.Exec;

/// <summary>POST /exec/{id}/start (Docker's ExecStartCheck).</summary>
public sealed class ExecStartRequest
{
    public bool Detach { get; set; }
    public bool Tty { get; set; }
    public int[]? ConsoleSize { get; set; }
}
