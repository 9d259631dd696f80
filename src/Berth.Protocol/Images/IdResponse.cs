namespace Berth.Protocol.Images;

/// <summary>The reply of POST /commit: the new image's ID.</summary>
public sealed class IdResponse
{
    public string Id { get; set; } = "";
}
