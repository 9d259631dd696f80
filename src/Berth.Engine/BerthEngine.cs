using Berth.Engine.Containers;
using Berth.Engine.Content;
using Berth.Engine.Exec;
using Berth.Engine.Images;
using Berth.Engine.Images.Archive;
using Berth.Engine.Metadata;
using Berth.Engine.Runtime;
using Berth.Engine.Snapshots;

namespace Berth.Engine;

/// <summary>
/// The composition root of the engine: opens the stores under the data root and wires the services.
/// Callers (the API layer, tests) use the services; nothing here knows about HTTP.
/// </summary>
public sealed class BerthEngine : IDisposable
{
    public BerthEngine(EngineOptions options)
    {
        Options = options;
        Directory.CreateDirectory(options.DataRoot);
        Directory.CreateDirectory(options.ExecRoot);
        Metadata = new MetadataStore(options.DatabasePath);
        Content = new ContentStore(options.ContentRoot);
        Layers = new LayerStore(options.SnapshotsRoot, Content, Metadata);
        Images = new ImageStore(Content, Layers, Metadata);
        Importer = new ImageImporter(Layers, Images, Events);
        ArchiveWriter = new ImageArchiveWriter(Content, Layers, Events);
        ArchiveReader = new ImageArchiveReader(Content, Layers, Images, Events);
        Runtime = new ConmonRuntime(options);
        var containerStore = new ContainerStore(Metadata);
        Networks = new Networking.NetworkService(options, new Networking.NetworkStore(Metadata), containerStore, Events, new Networking.NetworkDataPlane(options));
        Containers = new ContainerService(options, containerStore, Images, Layers, Runtime, new Networking.ContainerNetworking(Networks), Events);
        ImageRemover = new ImageRemover(Images, containerStore, Events);
        Exec = new ExecService(options, Containers, Runtime);
        Filesystem = new ContainerFilesystem(options, Images, Layers);
        Committer = new ContainerCommitter(options, Filesystem, Layers, Images);
        Exporter = new ContainerExporter(Filesystem);
        Archive = new ContainerArchive(Filesystem);
    }

    public EngineOptions Options { get; }
    public Events.EventBus Events { get; } = new();
    public MetadataStore Metadata { get; }
    public ContentStore Content { get; }
    public LayerStore Layers { get; }
    public ImageStore Images { get; }
    public ImageImporter Importer { get; }
    public ImageArchiveWriter ArchiveWriter { get; }
    public ImageArchiveReader ArchiveReader { get; }
    public ConmonRuntime Runtime { get; }
    public ContainerService Containers { get; }
    public Networking.NetworkService Networks { get; }
    public ImageRemover ImageRemover { get; }
    public ExecService Exec { get; }
    public ContainerFilesystem Filesystem { get; }
    public ContainerCommitter Committer { get; }
    public ContainerExporter Exporter { get; }
    public ContainerArchive Archive { get; }

    public void Dispose()
    {
        Containers.Dispose();
        Metadata.Dispose();
    }
}
