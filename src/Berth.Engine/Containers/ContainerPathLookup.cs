using System.Text;
using Berth.Engine.Errors;
using Berth.Engine.Native;
using Berth.Engine.Runtime;
using Berth.Engine.Snapshots;

namespace Berth.Engine.Containers;

/// <summary>
/// Finds a path of the archive API inside a mounted container root. The kernel resolves every
/// component (openat2 RESOLVE_IN_ROOT), so a symlink to /etc/passwd or ../../ in the container
/// reaches the container's file and never the host's. As in Docker the final component is not
/// followed unless the path ends in "/" or "/.".
/// </summary>
internal sealed unsafe class ContainerPathLookup : IDisposable
{
    private const int O_PATH = 0x200000;
    private readonly ConfinedDirectory _root;
    private readonly string _rootPath;

    private ContainerPathLookup(string rootPath)
    {
        _root = ConfinedDirectory.Open(rootPath);
        // The kernel's name for the root, so the names it gives resolved fds compare with it.
        _rootPath = new FileInfo($"/proc/self/fd/{_root.RootFd}").LinkTarget ?? rootPath;
    }

    public static ContainerPathLookup Open(string rootPath) => new(rootPath);

    /// <summary>Docker's filepath.Base of the request path: "/etc/" is "etc", "/etc/." is ".", "/" is "/".</summary>
    public static string BaseName(string path)
    {
        var trimmed = path.TrimEnd('/');
        if (trimmed.Length == 0) return "/";
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    private static bool FollowsFinal(string path) => path.EndsWith('/') || path.EndsWith("/.", StringComparison.Ordinal) || path is "." or "..";

    /// <summary>An O_PATH fd for the directory holding the entry, and the entry's name in it (owned fd).</summary>
    public (int ParentFd, string Name) Locate(string path, string container)
    {
        if (!path.StartsWith('/')) path = "/" + path;
        string parent, name;
        if (FollowsFinal(path) || BaseName(path) is "/" or "..")
        {
            var fd = Resolve(path, O_PATH, path, container);
            var inside = ContainerPathOf(fd);
            Libc.Close(fd);
            if (inside == "/") return (Resolve("/", O_PATH | Libc.O_DIRECTORY, path, container), ".");
            (parent, name) = (inside[..Math.Max(1, inside.LastIndexOf('/'))], inside[(inside.LastIndexOf('/') + 1)..]);
        }
        else
        {
            var trimmed = path.TrimEnd('/');
            var slash = trimmed.LastIndexOf('/');
            (parent, name) = (slash <= 0 ? "/" : trimmed[..slash], trimmed[(slash + 1)..]);
        }
        var parentFd = Resolve(parent, O_PATH | Libc.O_DIRECTORY, path, container);
        return (parentFd, name);
    }

    public Libc.Stat StatAt(int parentFd, string name, string path, string container)
    {
        var bytes = Encoding.UTF8.GetBytes(name + "\0");
        Libc.Stat st;
        fixed (byte* n = bytes)
            if (Libc.FStatAt(parentFd, n, &st, Libc.AT_SYMLINK_NOFOLLOW) != 0)
                throw Failure(Libc.Error($"lstat {path}"), path, container);
        return st;
    }

    /// <summary>A directory the archive is extracted into: every component followed, inside the root.</summary>
    public int OpenDirectory(string path, string container)
    {
        var fd = Resolve(path.StartsWith('/') ? path : "/" + path, O_PATH, path, container);
        Libc.Stat st;
        var empty = "\0"u8;
        fixed (byte* e = empty)
            if (Libc.FStatAt(fd, e, &st, Libc.AT_EMPTY_PATH) != 0)
            {
                Libc.Close(fd);
                throw BerthException.System(Libc.Error($"stat {path}").Message);
            }
        if ((st.Mode & Libc.S_IFMT) != Libc.S_IFDIR)
        {
            Libc.Close(fd);
            throw BerthException.Invalid("extraction point is not a directory");
        }
        return fd;
    }

    /// <summary>Where a symlink leads inside the container (Docker's FollowSymlinkInScope), as an absolute in-container path.</summary>
    public string LinkTargetOf(string path)
    {
        var resolved = RootfsPath.Resolve(_rootPath, path);
        var relative = Path.GetRelativePath(_rootPath, resolved);
        return relative == "." ? "/" : "/" + relative;
    }

    /// <summary>The in-container path of an fd that was resolved inside the root.</summary>
    public string ContainerPathOf(int fd)
    {
        var host = new FileInfo($"/proc/self/fd/{fd}").LinkTarget ?? throw BerthException.System("cannot read the path of a resolved file");
        if (host == _rootPath) return "/";
        if (!host.StartsWith(_rootPath + "/", StringComparison.Ordinal)) throw BerthException.System("resolved path left the container root");
        return host[_rootPath.Length..];
    }

    private int Resolve(string inside, int flags, string path, string container)
    {
        var bytes = Encoding.UTF8.GetBytes(inside + "\0");
        fixed (byte* p = bytes)
        {
            var fd = _root.Resolve(p, flags);
            if (fd < 0) throw Failure(Libc.Error($"open {path}"), path, container);
            return fd;
        }
    }

    private static BerthException Failure(IOException e, string path, string container) =>
        e.HResult is Libc.ENOENT or Libc.ENOTDIR
            ? BerthException.NotFound($"Could not find the file {path} in container {container}")
            : BerthException.System(e.Message, e);

    public void Dispose() => _root.Dispose();
}
