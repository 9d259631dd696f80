using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Images;

/// <summary>`berth rmi` with Docker's rules: a name is untagged, the image goes with its last name.</summary>
public sealed class RmiTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    /// <summary>An image with a layer no other image has, so deleting it deletes the layer too.</summary>
    private async Task<string> ImportOwnImage(string name)
    {
        var r = await D.BerthWithInput(LayerTars.Concat(TestImages.BusyboxTar, LayerTars.Marker(name.Replace('/', '-').Replace(':', '-'), name)), "import", "-c", "CMD [\"sh\"]", "-", name);
        if (r.ExitCode != 0) throw new Xunit.Sdk.XunitException($"import failed: {r}");
        return r.Stdout.Trim();
    }

    private async Task<string> DiffIdOf(string image) =>
        (await D.BerthOk("image", "inspect", "-f", "{{index .RootFS.Layers 0}}", image)).Trim();

    private string BlobPath(string digest) => Path.Combine(D.DataRoot, "content", "blobs", "sha256", digest["sha256:".Length..]);

    [Fact]
    public async Task Rmi_of_one_of_two_tags_only_untags()
    {
        var id = await ImportOwnImage("rmi/two-tags:a");
        await D.BerthOk("tag", "rmi/two-tags:a", "rmi/two-tags:b");

        var r = await D.Berth("rmi", "rmi/two-tags:a");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("Untagged: rmi/two-tags:a\n", r.Stdout);
        Assert.Equal(id + "\n", await D.BerthOk("image", "inspect", "-f", "{{.Id}}", "rmi/two-tags:b"));
        await D.BerthOk("rmi", "rmi/two-tags:b");
    }

    [Fact]
    public async Task Rmi_of_the_last_tag_deletes_the_image_and_its_layer()
    {
        var id = await ImportOwnImage("rmi/last-tag");
        var diffId = await DiffIdOf("rmi/last-tag");
        Assert.True(File.Exists(BlobPath(id)));
        Assert.True(Directory.Exists(Path.Combine(D.DataRoot, "snapshots", diffId["sha256:".Length..])));

        var r = await D.Berth("rmi", "rmi/last-tag");

        Assert.Equal(0, r.ExitCode);
        // A one-layer image's chain ID is its diff ID.
        Assert.Equal($"Untagged: rmi/last-tag:latest\nDeleted: {id}\nDeleted: {diffId}\n", r.Stdout);
        Assert.Equal("", await D.BerthOk("images", "-q", "rmi/last-tag"));
        Assert.False(File.Exists(BlobPath(id)));
        Assert.False(Directory.Exists(Path.Combine(D.DataRoot, "snapshots", diffId["sha256:".Length..])));
        Assert.Equal(1, (await D.Berth("image", "inspect", id)).ExitCode);
    }

    [Fact]
    public async Task Rmi_keeps_a_layer_another_image_still_uses()
    {
        var r = await D.BerthWithInput(TestImages.BusyboxTar, "import", "-c", "ENV SHARED=1", "-", "rmi/shares-busybox");
        var id = r.Stdout.Trim();

        var rmi = await D.Berth("rmi", "rmi/shares-busybox");

        Assert.Equal($"Untagged: rmi/shares-busybox:latest\nDeleted: {id}\n", rmi.Stdout);
        Assert.Equal("still here\n", await D.BerthOk("run", "--rm", "busybox", "echo", "still here"));
    }

    [Fact]
    public async Task Rmi_refuses_the_last_tag_of_an_image_a_container_uses_unless_forced()
    {
        var id = await ImportOwnImage("rmi/in-use");
        var container = (await D.BerthOk("create", "rmi/in-use", "echo", "still runs")).Trim();

        var refused = await D.Berth("rmi", "rmi/in-use");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"conflict: unable to remove repository reference \"rmi/in-use\" (must force) - container {container[..12]} is using its referenced image {id["sha256:".Length..][..12]}", refused.Stderr);
        Assert.Equal(id + "\n", await D.BerthOk("image", "inspect", "-f", "{{.Id}}", "rmi/in-use"));

        var forced = await D.Berth("rmi", "-f", "rmi/in-use");

        // The name goes; the image stays, untagged, for the container's sake.
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal("Untagged: rmi/in-use:latest\n", forced.Stdout);
        Assert.Contains($"<none>:<none> {id}", await D.BerthOk("images", "-a", "--no-trunc", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"));
        Assert.Equal("still runs\n", await D.BerthOk("start", "-a", container));

        await D.BerthOk("rm", container);
        Assert.Contains("Deleted: " + id, await D.BerthOk("rmi", id));
    }

    [Fact]
    public async Task Rmi_by_id_refuses_an_image_a_stopped_container_uses_unless_forced()
    {
        var id = await ImportOwnImage("rmi/by-id-in-use");
        var container = (await D.BerthOk("create", "rmi/by-id-in-use", "true")).Trim();
        var shortId = id["sha256:".Length..][..12];

        var refused = await D.Berth("rmi", shortId);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"conflict: unable to delete {shortId} (must be forced) - image is being used by stopped container {container[..12]}", refused.Stderr);
        await D.BerthOk("rm", container);
        await D.BerthOk("rmi", shortId);
    }

    [Fact]
    public async Task Rmi_by_id_of_an_image_in_several_repositories_needs_force()
    {
        var id = await ImportOwnImage("rmi/repo-one:x");
        await D.BerthOk("tag", "rmi/repo-one:x", "rmi/repo-two:y");
        var shortId = id["sha256:".Length..][..12];

        var refused = await D.Berth("rmi", shortId);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"conflict: unable to delete {shortId} (must be forced) - image is referenced in multiple repositories", refused.Stderr);
        Assert.Equal(id + "\n", await D.BerthOk("image", "inspect", "-f", "{{.Id}}", "rmi/repo-two:y"));

        var forced = await D.Berth("rmi", "-f", "sha256:" + shortId);

        Assert.Equal(0, forced.ExitCode);
        var lines = forced.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("Untagged: rmi/repo-one:x", lines);
        Assert.Contains("Untagged: rmi/repo-two:y", lines);
        Assert.Contains("Deleted: " + id, lines);
    }

    [Fact]
    public async Task Rmi_by_id_with_two_tags_of_one_repository_deletes_without_force()
    {
        var id = await ImportOwnImage("rmi/one-repo:a");
        await D.BerthOk("tag", "rmi/one-repo:a", "rmi/one-repo:b");

        var r = await D.Berth("rmi", id);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Untagged: rmi/one-repo:a", r.Stdout);
        Assert.Contains("Untagged: rmi/one-repo:b", r.Stdout);
        Assert.Contains("Deleted: " + id, r.Stdout);
    }

    [Fact]
    public async Task Rmi_by_a_long_name_untags_the_short_one()
    {
        await ImportOwnImage("rmi/long-name:v1");

        var r = await D.Berth("rmi", "docker.io/rmi/long-name:v1");

        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("Untagged: rmi/long-name:v1\n", r.Stdout);
    }

    [Fact]
    public async Task Removing_every_image_leaves_no_blob_or_layer_behind()
    {
        // Imports and loads of every shape, some sharing layers, then all removed.
        await D.BerthWithInput(LayerTars.Gzip(TestImages.BusyboxTar), "import", "-", "rmi/all-gzip");
        await D.BerthWithInput(LayerTars.Marker("all", "1"), "import", "-", "rmi/all-marker");
        var saved = Path.Combine(D.Root, "all.tar");
        await D.BerthOk("save", "-o", saved, "rmi/all-gzip", "rmi/all-marker");
        await D.BerthOk("rmi", "rmi/all-marker");
        await D.BerthOk("load", "-i", saved);
        var extra = new ArchiveImage([LayerTars.Gzip(TestImages.BusyboxTar), LayerTars.Gzip(LayerTars.Marker("all-two", "2"))], ["rmi/all-loaded:1"]);
        await D.BerthWithInput(ArchiveBuilder.OciLayout([extra]), "load");

        try
        {
            foreach (var id in (await D.BerthOk("images", "-a", "-q", "--no-trunc")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct())
                await D.BerthOk("rmi", "-f", id);

            Assert.Equal("", await D.BerthOk("images", "-a", "-q"));
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(D.DataRoot, "content", "blobs", "sha256")));
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(D.DataRoot, "snapshots", "l")));
        }
        finally
        {
            // Put busybox back for whatever test of this class runs next.
            await D.BerthWithInput(TestImages.BusyboxTar, "import", "-c", "CMD [\"sh\"]", "-", "busybox:latest");
        }
    }
}
