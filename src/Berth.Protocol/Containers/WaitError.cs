namespace Berth.Protocol.Containers;

public sealed class WaitError
{
    public string Message { get; set; } = "";
}
