namespace Berth.Engine.Runtime;

/// <summary>
/// Resolves a path inside a container's root filesystem the way the container would see it:
/// symlinks are followed but can never lead above the root ("/.." is "/", an absolute link target
/// restarts from the root). Docker calls this FollowSymlinkInScope.
/// </summary>
public static class RootfsPath
{
    private const int MaxLinks = 255;

    public static string Resolve(string root, string path)
    {
        var pending = new Stack<string>(Split(path).Reverse());
        var resolved = new List<string>();
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (resolved.Count > 0) resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            var full = Path.Combine(root, string.Join('/', resolved), part);
            if (new FileInfo(full).LinkTarget is { } linkTarget)
            {
                if (++links > MaxLinks) throw new IOException($"too many levels of symbolic links resolving {path}");
                if (linkTarget.StartsWith('/')) resolved.Clear();
                foreach (var p in Split(linkTarget).Reverse()) pending.Push(p);
                continue;
            }
            resolved.Add(part);
        }
        return resolved.Count == 0 ? root : Path.Combine(root, string.Join('/', resolved));
    }

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
