using System.Text.Json.Serialization;

namespace Berth.Protocol.Daemon;

/// <summary>Docker's error body: {"message": "..."}.</summary>
public sealed class ErrorResponse
{
    [JsonPropertyName("message")]
    public string Message { get; set; } = "";
}
