namespace Berth.Engine.Runtime.Spec;

/// <summary>Console size in characters (process.consoleSize).</summary>
public sealed class OciBox
{
    public uint Height { get; set; }
    public uint Width { get; set; }
}
