namespace Berth.Cli.Formatting.Templates;

/// <summary>The flags, width and precision of one fmt verb.</summary>
internal struct GoFormatFlags
{
    public bool Plus;
    public bool Minus;
    public bool Sharp;
    public bool Space;
    public bool Zero;
    public bool SharpV;
    public bool HasWidth;
    public int Width;
    public bool HasPrecision;
    public int Precision;
}
