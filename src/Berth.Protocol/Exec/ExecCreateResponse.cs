namespace Berth.Protocol.Exec;

/// <summary>Docker's IDResponse, the answer to an exec create.</summary>
public sealed class ExecCreateResponse
{
    public string Id { get; set; } = "";
}
