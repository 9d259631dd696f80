using Berth.Engine.Native;

namespace Berth.Engine.Runtime.Spec;

/// <summary>The host's device nodes, which a privileged container gets recreated in its /dev.</summary>
internal static class HostDevices
{
    // Not device trees: pseudo-filesystems the container mounts itself, and container-manager state.
    private static readonly HashSet<string> SkippedDirectories = ["pts", "shm", "fd", "mqueue", ".lxc", ".lxd-mounts", ".udev"];

    /// <summary>Every character and block device under <paramref name="root"/>, recursively.</summary>
    public static List<OciDevice> List(string root = "/dev")
    {
        var result = new List<OciDevice>();
        Walk(root, result);
        return result;
    }

    private static void Walk(string dir, List<OciDevice> result)
    {
        IEnumerable<string> entries;
        try { entries = Directory.EnumerateFileSystemEntries(dir).Order(StringComparer.Ordinal).ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }

        foreach (var path in entries)
        {
            Libc.StatxInfo st;
            try { st = Libc.Lstat(path); }
            catch (IOException) { continue; } // vanished (hot-unplug) since listing
            var kind = st.Mode & Libc.S_IFMT;
            if (kind == Libc.S_IFDIR)
            {
                if (!SkippedDirectories.Contains(Path.GetFileName(path)))
                    Walk(path, result);
            }
            // The console is the container's own (runc sets it up from the terminal), never the host's.
            else if ((kind == Libc.S_IFCHR || kind == Libc.S_IFBLK) && path != "/dev/console")
            {
                result.Add(new OciDevice
                {
                    Path = path,
                    Type = kind == Libc.S_IFCHR ? "c" : "b",
                    Major = st.RdevMajor,
                    Minor = st.RdevMinor,
                    FileMode = st.Mode & 0xFFF,
                    Uid = st.Uid,
                    Gid = st.Gid,
                });
            }
        }
    }
}
