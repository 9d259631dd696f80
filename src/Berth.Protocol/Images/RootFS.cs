namespace Berth.Protocol.Images;

public sealed class RootFS
{
    public string Type { get; set; } = "layers";
    public List<string> Layers { get; set; } = [];
}
