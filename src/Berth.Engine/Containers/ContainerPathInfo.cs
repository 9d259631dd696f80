namespace Berth.Engine.Containers;

/// <summary>
/// What the archive API reports about a path inside a container. <see cref="GoMode"/> is Go's
/// os.FileMode (permissions plus Go's type bits); <see cref="LinkTarget"/> is the in-container
/// path a symlink resolves to, empty otherwise.
/// </summary>
public sealed record ContainerPathInfo(string Name, long Size, uint GoMode, DateTimeOffset Mtime, string LinkTarget)
{
    public const uint GoModeDir = 1u << 31;
    public const uint GoModeSymlink = 1u << 27;

    public bool IsDirectory => (GoMode & GoModeDir) != 0;
}
