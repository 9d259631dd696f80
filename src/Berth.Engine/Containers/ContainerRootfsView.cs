using Berth.Engine.Runtime;

namespace Berth.Engine.Containers;

/// <summary>
/// A container's merged filesystem for one operation: the running container's own mount, or a
/// private overlay mount made for a stopped one and taken down on dispose.
/// </summary>
public sealed class ContainerRootfsView : IDisposable
{
    private readonly bool _owned;

    internal ContainerRootfsView(string path, bool owned)
    {
        Path = path;
        _owned = owned;
    }

    public string Path { get; }

    public void Dispose()
    {
        if (!_owned) return;
        try { OverlayRootfs.Unmount(Path); }
        catch (IOException) { }
        try { Directory.Delete(Path); }
        catch (IOException) { }
    }
}
