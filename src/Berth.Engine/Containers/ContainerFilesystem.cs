using Berth.Engine.Content;
using Berth.Engine.Errors;
using Berth.Engine.Images;
using Berth.Engine.Native;
using Berth.Engine.Runtime;
using Berth.Engine.Snapshots;

namespace Berth.Engine.Containers;

/// <summary>
/// Where a container's files can be read and written outside its own process: the image's layer
/// directories, the writable layer, and a mounted view of both for stopped containers. Views of a
/// stopped container are mounted at a private point under the exec root, never at the bundle's
/// rootfs, so a concurrent start mounts its own overlay as usual.
/// </summary>
public sealed class ContainerFilesystem
{
    private readonly EngineOptions _options;
    private readonly ImageStore _images;
    private readonly LayerStore _layers;
    private readonly string _viewRoot;
    private readonly string _emptyLayer;

    public ContainerFilesystem(EngineOptions options, ImageStore images, LayerStore layers)
    {
        _options = options;
        _images = images;
        _layers = layers;
        _viewRoot = Path.Combine(options.ExecRoot, "rootfs-views");
        _emptyLayer = Path.Combine(options.SnapshotsRoot, "empty");
        SweepViews();
    }

    /// <summary>Views left mounted by a daemon that died mid-operation: unmount and remove them.</summary>
    private void SweepViews()
    {
        if (!Directory.Exists(_viewRoot)) return;
        foreach (var dir in Directory.EnumerateDirectories(_viewRoot))
        {
            try
            {
                OverlayRootfs.Unmount(dir);
                Directory.Delete(dir);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"berthd: removing the stale rootfs view {dir}: {e.Message}");
            }
        }
    }

    public ContainerPaths PathsOf(Container c) => new(_options, c.Id);

    /// <summary>The image's layer directories, top first (overlayfs order); the empty dir for an image without layers.</summary>
    public IReadOnlyList<string> LowerDirs(Container c)
    {
        var image = _images.Get(Digest.Parse(c.ImageId)) ?? throw BerthException.NotFound($"No such image: {c.ImageId}");
        return image.TopLayer is { } top
            ? _layers.Chain(top).Select(_layers.FsPath).Reverse().ToList()
            : [_emptyLayer];
    }

    /// <summary>Short links to the layer dirs, which keep long lowerdir lists inside one mount(2) page.</summary>
    private List<string> LowerLinks(Container c)
    {
        var image = _images.Get(Digest.Parse(c.ImageId)) ?? throw BerthException.NotFound($"No such image: {c.ImageId}");
        return image.TopLayer is { } top
            ? _layers.Chain(top).Select(_layers.LinkPath).Reverse().ToList()
            : [_emptyLayer];
    }

    public List<ContainerChange> Changes(Container c) => ContainerDiff.Changes(PathsOf(c).Upper, LowerDirs(c));

    /// <summary>
    /// The merged root filesystem. Read-only views of a stopped container stack its writable layer
    /// as the top lower dir (whiteouts and opaque dirs work there too) so no workdir is taken.
    /// </summary>
    public ContainerRootfsView Open(Container c, bool writable)
    {
        var paths = PathsOf(c);
        if (c.State.IsRunning && OverlayRootfs.IsMounted(paths.Rootfs)) return new ContainerRootfsView(paths.Rootfs, owned: false);
        Directory.CreateDirectory(_viewRoot);
        var target = Path.Combine(_viewRoot, c.Id[..12] + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(target);
        try
        {
            var lowers = LowerLinks(c);
            if (writable)
            {
                OverlayRootfs.Mount(lowers, paths.Upper, paths.Work, target);
            }
            else
            {
                var data = $"lowerdir={string.Join(':', new[] { paths.Upper }.Concat(lowers))}";
                Libc.Mount("overlay", target, "overlay", Libc.MS_RDONLY, data);
            }
        }
        catch (IOException e)
        {
            try { Directory.Delete(target); } catch (IOException) { }
            throw BerthException.System($"mounting the root filesystem of {c.Id[..12]}: {e.Message}", e);
        }
        return new ContainerRootfsView(target, owned: true);
    }
}
