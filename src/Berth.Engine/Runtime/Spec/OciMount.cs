namespace Berth.Engine.Runtime.Spec;

/// <summary>A mount runc performs inside the container, in list order.</summary>
public sealed class OciMount
{
    public string Destination { get; set; } = "";
    public string? Type { get; set; }
    public string? Source { get; set; }
    public List<string>? Options { get; set; }
}
