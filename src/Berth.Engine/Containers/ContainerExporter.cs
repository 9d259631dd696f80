using Berth.Engine.Snapshots;

namespace Berth.Engine.Containers;

/// <summary>`export`: the container's merged filesystem as one tar, mounted for the occasion when it is not running.</summary>
public sealed class ContainerExporter(ContainerFilesystem filesystem)
{
    public async Task ExportAsync(Container c, Stream output, CancellationToken ct)
    {
        using var view = filesystem.Open(c, writable: false);
        await LayerPacker.PackAsync(view.Path, output, ct).ConfigureAwait(false);
    }
}
