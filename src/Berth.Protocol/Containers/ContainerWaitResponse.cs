using System.Text.Json.Serialization;

namespace Berth.Protocol.Containers;

public sealed class ContainerWaitResponse
{
    public long StatusCode { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WaitError? Error { get; set; }
}
