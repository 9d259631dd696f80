using System.Formats.Tar;

namespace Berth.Tests.Integration.Support;

/// <summary>
/// A busybox root filesystem as a tar, made from Debian's busybox-static like setup.sh makes the
/// busybox:latest image (one binary, a link per applet, /etc/passwd and /etc/group).
/// </summary>
public static class TestImages
{
    private static readonly Lazy<byte[]> Busybox = new(BuildBusybox);

    public static byte[] BusyboxTar => Busybox.Value;

    private static byte[] BuildBusybox()
    {
        if (Environment.GetEnvironmentVariable("BERTH_TEST_BUSYBOX_TAR") is { Length: > 0 } cached && File.Exists(cached))
            return File.ReadAllBytes(cached);
        var ms = new MemoryStream();
        using (var tar = new TarWriter(ms, TarEntryFormat.Pax, leaveOpen: true))
        {
            void Dir(string name, UnixFileMode mode = (UnixFileMode)0b111_101_101) =>
                tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name) { Mode = mode });
            void File(string name, byte[] data, UnixFileMode mode) =>
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = mode, DataStream = new MemoryStream(data) });
            foreach (var d in new[] { "bin/", "etc/", "root/", "home/", "var/", "dev/", "proc/", "sys/" }) Dir(d);
            Dir("tmp/", (UnixFileMode)0b1_111_111_111);
            File("bin/busybox", System.IO.File.ReadAllBytes("/bin/busybox"), (UnixFileMode)0b111_101_101);
            File("etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n"u8.ToArray(), (UnixFileMode)0b110_100_100);
            File("etc/group", "root:x:0:\nnobody:x:65534:\n"u8.ToArray(), (UnixFileMode)0b110_100_100);
            // Static glibc busybox crashes on name lookups without it (setup.sh writes the same).
            File("etc/nsswitch.conf", "hosts: files dns\n"u8.ToArray(), (UnixFileMode)0b110_100_100);
            foreach (var applet in Applets())
                tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "bin/" + applet) { LinkName = "busybox", Mode = (UnixFileMode)0b111_111_111 });
        }
        return ms.ToArray();
    }

    private static IEnumerable<string> Applets()
    {
        var result = ProcessRunner.RunAsync("/bin/busybox", ["--list"]).GetAwaiter().GetResult();
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(a => a != "busybox");
    }
}
