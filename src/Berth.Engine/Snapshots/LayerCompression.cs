// TEMPORARY stand-in until the `layers` branch lands.
namespace Berth.Engine.Snapshots;
public static class LayerCompression
{
    public static Stream Decompress(Stream input) => input;
}
