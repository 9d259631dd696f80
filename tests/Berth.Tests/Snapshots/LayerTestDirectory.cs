using Xunit;

namespace Berth.Tests.Snapshots;

/// <summary>
/// A scratch area with the unpack target (<see cref="Root"/>) and, beside it, a sentinel directory
/// (<see cref="Outside"/>) that hostile layers aim at; tests assert it is never written.
/// </summary>
public sealed class LayerTestDirectory : IDisposable
{
    public LayerTestDirectory()
    {
        Base = Directory.CreateTempSubdirectory("berth-layer-").FullName;
        Root = Directory.CreateDirectory(Path.Combine(Base, "root")).FullName;
        Outside = Directory.CreateDirectory(Path.Combine(Base, "outside")).FullName;
    }

    public string Base { get; }
    public string Root { get; }
    public string Outside { get; }

    /// <summary>A path inside the unpacked layer.</summary>
    public string InRoot(string relative) => Path.Combine(Root, relative.TrimStart('/'));

    public void AssertOutsideUntouched() =>
        Assert.Empty(Directory.EnumerateFileSystemEntries(Outside, "*", SearchOption.AllDirectories));

    public void Dispose()
    {
        // Directory.Delete does not follow symlinks, so hostile links left in the layer are harmless here.
        try { Directory.Delete(Base, recursive: true); } catch (IOException) { }
    }
}
