using Berth.Engine.Native;

namespace Berth.Engine.Runtime;

/// <summary>Mounts a container's root filesystem: the image's layers (read-only) under its writable layer.</summary>
public static class OverlayRootfs
{
    /// <param name="lowerDirs">Layer directories, TOP first (overlayfs order).</param>
    public static void Mount(IReadOnlyList<string> lowerDirs, string upper, string work, string target)
    {
        if (IsMounted(target)) return;
        var data = $"lowerdir={string.Join(':', lowerDirs)},upperdir={upper},workdir={work},index=off";
        if (data.Length >= 4000) throw new IOException($"too many layers to mount ({lowerDirs.Count})");
        Libc.Mount("overlay", target, "overlay", 0, data);
    }

    public static void Unmount(string target) => Libc.Unmount(target, Libc.MNT_DETACH);

    /// <summary>A mount point's device differs from its parent's (cheap: two stat calls, no /proc parse).</summary>
    public static bool IsMounted(string target)
    {
        try
        {
            var self = Libc.StatDevice(target);
            var parent = Libc.StatDevice(Path.GetDirectoryName(target)!);
            return self != parent;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
