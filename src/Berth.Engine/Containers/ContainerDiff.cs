using System.Text;
using Berth.Engine.Native;

namespace Berth.Engine.Containers;

/// <summary>
/// `docker diff`: reads a container's writable layer (the overlay upper dir) against the image's
/// layers. A 0/0 character device is a deletion; anything else is an addition unless the image
/// already has the path, then a modification. Directories that only carry changes below them are
/// reported through those changes, with every parent of a change listed as modified, as Docker does.
/// </summary>
public static class ContainerDiff
{
    /// <summary>Mount points the runtime creates in the rootfs; Docker keeps them in an init layer, out of diffs.</summary>
    private static readonly HashSet<string> RuntimeMountPoints = new(StringComparer.Ordinal)
    {
        "/etc/hostname", "/etc/hosts", "/etc/resolv.conf", "/.dockerenv", "/dev/console", "/dev/pts", "/dev/shm",
        "/dev/mqueue", "/dev", "/proc", "/sys", "/etc/mtab",
    };

    /// <param name="upper">The writable layer.</param>
    /// <param name="lowerDirs">The image's layer directories, top first.</param>
    public static List<ContainerChange> Changes(string upper, IReadOnlyList<string> lowerDirs)
    {
        var changes = new Dictionary<string, ContainerChangeKind>(StringComparer.Ordinal);
        Walk(upper, "", lowerDirs, changes);
        foreach (var path in changes.Keys.ToList())
            for (var parent = ParentOf(path); parent != "/"; parent = ParentOf(parent))
                changes.TryAdd(parent, ContainerChangeKind.Modified);
        return changes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new ContainerChange(c.Key, c.Value)).ToList();
    }

    private static string ParentOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    private static void Walk(string upper, string relative, IReadOnlyList<string> lowerDirs, Dictionary<string, ContainerChangeKind> changes)
    {
        IEnumerable<string> names;
        try { names = Directory.EnumerateFileSystemEntries(Path.Combine(upper, relative.TrimStart('/'))).Select(Path.GetFileName).OfType<string>().ToList(); }
        catch (IOException) { return; }
        foreach (var name in names)
        {
            var path = relative + "/" + name;
            if (RuntimeMountPoints.Contains(path) && !ExistsBelow(lowerDirs, path)) continue;
            var full = upper + path;
            Libc.StatxInfo st;
            try { st = Libc.Lstat(full); }
            catch (IOException) { continue; }
            var type = st.Mode & Libc.S_IFMT;
            if (type == Libc.S_IFCHR && st.RdevMajor == 0 && st.RdevMinor == 0)
            {
                changes[path] = ContainerChangeKind.Deleted;
                continue;
            }
            var below = LowerEntry(lowerDirs, path);
            if (type != Libc.S_IFDIR)
            {
                changes[path] = below is null ? ContainerChangeKind.Added : ContainerChangeKind.Modified;
                continue;
            }
            if (below is null) changes[path] = ContainerChangeKind.Added;
            else if (IsOpaque(full) || (below.Value.Mode & Libc.S_IFMT) != Libc.S_IFDIR || below.Value.Mode != st.Mode
                || below.Value.Uid != st.Uid || below.Value.Gid != st.Gid)
                changes[path] = ContainerChangeKind.Modified;
            Walk(upper, path, lowerDirs, changes);
        }
    }

    private static bool ExistsBelow(IReadOnlyList<string> lowerDirs, string path) => LowerEntry(lowerDirs, path) is not null;

    /// <summary>The path in the topmost image layer that has it, or null when none has or a whiteout hides it.</summary>
    private static Libc.StatxInfo? LowerEntry(IReadOnlyList<string> lowerDirs, string path)
    {
        foreach (var lower in lowerDirs)
        {
            Libc.StatxInfo st;
            try { st = Libc.Lstat(lower + path); }
            catch (IOException) { continue; }
            if ((st.Mode & Libc.S_IFMT) == Libc.S_IFCHR && st.RdevMajor == 0 && st.RdevMinor == 0) return null;
            return st;
        }
        return null;
    }

    private static unsafe bool IsOpaque(string dir)
    {
        var path = Encoding.UTF8.GetBytes(dir + "\0");
        var name = "trusted.overlay.opaque\0"u8;
        byte value;
        fixed (byte* p = path)
        fixed (byte* n = name)
            return Libc.LGetXattr(p, n, &value, 1) == 1 && value == (byte)'y';
    }
}
