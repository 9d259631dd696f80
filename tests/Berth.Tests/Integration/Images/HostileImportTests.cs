using Berth.Tests.Integration.Support;
using Berth.Tests.Snapshots;
using Xunit;

namespace Berth.Tests.Integration.Images;

/// <summary>
/// Layer tars built to write outside the image: through "..", absolute names, symlinks and hard
/// links. Whatever the daemon does with them, nothing may appear outside its root — the sentinel
/// directory, which every escape aims at, stays empty — and a refused import adds nothing.
/// </summary>
public sealed class HostileImportTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>, IDisposable
{
    private readonly string _sentinel = Directory.CreateDirectory("/tmp/bt-sentinel-" + Guid.NewGuid().ToString("N")[..8]).FullName;

    private BerthDaemon D => fixture.Daemon;

    /// <summary>Enough ".." to climb from any directory of the daemon's root up to "/".</summary>
    private static string ToHostRoot => string.Concat(Enumerable.Repeat("../", 30));

    public void Dispose() => Directory.Delete(_sentinel, recursive: true);

    /// <summary>Busybox plus the hostile entries, so a container can show where they landed.</summary>
    private static byte[] BusyboxWith(Action<TarBuilder> hostile)
    {
        var extra = new TarBuilder();
        hostile(extra);
        return LayerTars.Concat(TestImages.BusyboxTar, extra.ToArray());
    }

    private async Task ImportRefused(byte[] tar, string name, string message)
    {
        var before = await StoreState.CaptureAsync(D);

        var r = await D.BerthWithInput(tar, "import", "-", name);

        Assert.Equal(1, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_sentinel));
        (await StoreState.CaptureAsync(D)).AssertUnchangedSince(before);
        Assert.Equal(1, (await D.Berth("image", "inspect", name)).ExitCode);
    }

    private async Task ImportAccepted(byte[] tar, string name)
    {
        var r = await D.BerthWithInput(tar, "import", "-", name);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_sentinel));
    }

    [Fact]
    public Task Dotdot_entry_that_climbs_out_is_refused() =>
        ImportRefused(BusyboxWith(t => t.File(ToHostRoot + _sentinel.TrimStart('/') + "/escape", "out")), "hostile/dotdot",
            "path escapes the layer root");

    [Fact]
    public Task Dotdot_in_the_middle_of_a_name_that_climbs_out_is_refused() =>
        ImportRefused(BusyboxWith(t => t.File("etc/" + ToHostRoot + _sentinel.TrimStart('/') + "/escape", "out")), "hostile/mid-dotdot",
            "path escapes the layer root");

    [Fact]
    public async Task Absolute_name_lands_inside_the_image()
    {
        await ImportAccepted(BusyboxWith(t => t.File(_sentinel + "/absolute", "kept inside")), "hostile/absolute");

        Assert.Equal("kept inside", await D.BerthOk("run", "--rm", "hostile/absolute", "cat", _sentinel + "/absolute"));
    }

    [Fact]
    public async Task File_through_an_absolute_symlink_pointing_out_lands_inside_the_image()
    {
        // The link is resolved as the container would see it: inside the image's root.
        await ImportAccepted(BusyboxWith(t => t.Symlink("way-out", _sentinel).File("way-out/pwned", "through the link")), "hostile/abs-link");

        Assert.Equal("through the link", await D.BerthOk("run", "--rm", "hostile/abs-link", "cat", _sentinel + "/pwned"));
    }

    [Fact]
    public async Task File_through_a_relative_symlink_pointing_out_lands_inside_the_image()
    {
        await ImportAccepted(BusyboxWith(t => t.Symlink("up-and-out", ToHostRoot + _sentinel.TrimStart('/')).File("up-and-out/pwned", "still inside")), "hostile/rel-link");

        Assert.Equal("still inside", await D.BerthOk("run", "--rm", "hostile/rel-link", "cat", "/up-and-out/pwned"));
    }

    [Fact]
    public async Task Hard_link_to_a_file_outside_is_refused_and_the_host_file_is_untouched()
    {
        var links = await HostLinkCount("/etc/passwd");

        await ImportRefused(BusyboxWith(t => t.HardLink("stolen-passwd", "../../etc/passwd")), "hostile/hardlink-up",
            "hard link target \"../../etc/passwd\" escapes the layer root");

        Assert.Equal(links, await HostLinkCount("/etc/passwd"));
    }

    [Fact]
    public async Task Hard_link_to_an_absolute_path_links_inside_the_image()
    {
        var links = await HostLinkCount("/etc/passwd");

        // busybox's own /etc/passwd: the target is looked up in the layer, never on the host.
        await ImportAccepted(BusyboxWith(t => t.HardLink("linked-passwd", "/etc/passwd")), "hostile/hardlink-abs");

        Assert.Equal(links, await HostLinkCount("/etc/passwd"));
        Assert.Equal(await D.BerthOk("run", "--rm", "busybox", "cat", "/etc/passwd"),
            await D.BerthOk("run", "--rm", "hostile/hardlink-abs", "cat", "/linked-passwd"));
    }

    [Fact]
    public Task Hard_link_to_a_missing_file_is_refused() =>
        ImportRefused(BusyboxWith(t => t.HardLink("dangling", "/no/such/file")), "hostile/hardlink-missing", "not found");

    [Fact]
    public async Task Hard_link_through_a_symlink_pointing_out_links_the_image_file()
    {
        var links = await HostLinkCount("/etc/passwd");

        await ImportAccepted(BusyboxWith(t => t.Symlink("host-etc", ToHostRoot + "etc").HardLink("via-link", "host-etc/passwd")), "hostile/hardlink-via-symlink");

        Assert.Equal(links, await HostLinkCount("/etc/passwd"));
        Assert.Equal(await D.BerthOk("run", "--rm", "busybox", "cat", "/etc/passwd"),
            await D.BerthOk("run", "--rm", "hostile/hardlink-via-symlink", "cat", "/via-link"));
    }

    private static async Task<string> HostLinkCount(string path) =>
        (await ProcessRunner.RunAsync("stat", ["-c", "%h", path])).Stdout.Trim();
}
