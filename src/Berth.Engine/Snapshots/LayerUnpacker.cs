// TEMPORARY stand-in until the openat2-based unpacker lands from the `layers` branch.
using System.Formats.Tar;
namespace Berth.Engine.Snapshots;
public static class LayerUnpacker
{
    public static async Task<LayerUnpackResult> UnpackAsync(Stream tar, string targetDir, CancellationToken ct)
    {
        await TarFile.ExtractToDirectoryAsync(tar, targetDir, true, ct);
        return new LayerUnpackResult(0, 0);
    }
}
