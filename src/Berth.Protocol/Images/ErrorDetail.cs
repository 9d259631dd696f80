using System.Text.Json.Serialization;

namespace Berth.Protocol.Images;

public sealed class ErrorDetail
{
    [JsonPropertyName("message")]
    public string Message { get; set; } = "";
}
