namespace Berth.Protocol.Networks;

/// <summary>The 201 reply of POST /networks/create.</summary>
public sealed class NetworkCreateResponse
{
    public string Id { get; set; } = "";
    public string Warning { get; set; } = "";
}
