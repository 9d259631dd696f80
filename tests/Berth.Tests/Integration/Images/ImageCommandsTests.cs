using System.Security.Cryptography;
using System.Text.Json;
using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Images;

/// <summary>`berth images`, `tag`, `image inspect` and `history` as Docker shows them.</summary>
public sealed class ImageCommandsTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    private async Task<string> IdOf(string image) => (await D.BerthOk("image", "inspect", "-f", "{{.Id}}", image)).Trim();

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Images_prints_docker_table_with_a_row_per_tag()
    {
        await D.BerthOk("tag", "busybox", "table/row:one");
        await D.BerthOk("tag", "busybox", "table/row:two");
        var shortId = (await IdOf("busybox"))["sha256:".Length..][..12];

        var lines = Lines(await D.BerthOk("images"));

        Assert.Matches(@"^REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE$", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("table/row", StringComparison.Ordinal) && l.Contains(" one ") && l.Contains(shortId));
        Assert.Contains(lines, l => l.StartsWith("table/row", StringComparison.Ordinal) && l.Contains(" two ") && l.Contains(shortId));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"^busybox\s+latest\s+{shortId}\s+.+ago\s+1\.\d+MB$"));
        await D.BerthOk("rmi", "table/row:one", "table/row:two");
    }

    [Fact]
    public async Task Images_q_prints_short_ids_and_no_trunc_full_ones()
    {
        var id = await IdOf("busybox");

        Assert.Contains(id["sha256:".Length..][..12], Lines(await D.BerthOk("images", "-q")));
        Assert.All(Lines(await D.BerthOk("images", "-q")), l => Assert.Matches("^[0-9a-f]{12}$", l));
        Assert.Contains(id, Lines(await D.BerthOk("images", "-q", "--no-trunc")));
        Assert.Contains(id, await D.BerthOk("images", "-a", "--no-trunc"));
        Assert.Equal([id["sha256:".Length..][..12]], Lines(await D.BerthOk("images", "-q", "busybox")));
    }

    [Fact]
    public async Task Images_format_prints_repository_and_tag()
    {
        await D.BerthOk("tag", "busybox", "format/me:v2");

        var names = Lines(await D.BerthOk("images", "--format", "{{.Repository}}:{{.Tag}}"));

        Assert.Contains("busybox:latest", names);
        Assert.Contains("format/me:v2", names);
        Assert.Equal(["REPOSITORY   TAG", "format/me    v2"], Lines(await D.BerthOk("images", "--format", "table {{.Repository}}\t{{.Tag}}", "format/me")));
        await D.BerthOk("rmi", "format/me:v2");
    }

    [Fact]
    public async Task Tag_gives_a_second_name_to_the_same_image()
    {
        await D.BerthOk("tag", "busybox", "second/name:1.0");
        await D.BerthOk("tag", "busybox:latest", "localhost:5000/team/box");

        var id = await IdOf("busybox");
        Assert.Equal(id, await IdOf("second/name:1.0"));
        Assert.Equal(id, await IdOf("localhost:5000/team/box:latest"));
        var tags = await D.BerthOk("image", "inspect", "-f", "{{json .RepoTags}}", "busybox");
        Assert.Contains("\"second/name:1.0\"", tags);
        Assert.Contains("\"localhost:5000/team/box:latest\"", tags);
        await D.BerthOk("rmi", "second/name:1.0", "localhost:5000/team/box");
    }

    [Fact]
    public async Task Tag_moves_a_name_from_one_image_to_another()
    {
        await D.BerthWithInput(LayerTars.Marker("moved", "1"), "import", "-", "moving/tag:1");
        var first = await IdOf("moving/tag:1");

        await D.BerthOk("tag", "busybox", "moving/tag:1");

        Assert.Equal(await IdOf("busybox"), await IdOf("moving/tag:1"));
        Assert.Equal("[]\n", await D.BerthOk("image", "inspect", "-f", "{{json .RepoTags}}", first));
        await D.BerthOk("rmi", "moving/tag:1", first);
    }

    [Fact]
    public async Task Image_inspect_shows_id_tags_config_diff_ids_and_size()
    {
        using var doc = JsonDocument.Parse(await D.BerthOk("image", "inspect", "busybox"));
        var image = doc.RootElement[0];
        var id = image.GetProperty("Id").GetString()!;

        // The ID is the digest of the config blob, kept in the content store under that digest.
        var config = await File.ReadAllBytesAsync(Path.Combine(D.DataRoot, "content", "blobs", "sha256", id["sha256:".Length..]));
        Assert.Equal(id, LayerTars.Digest(config));
        Assert.Contains("busybox:latest", image.GetProperty("RepoTags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("sh", image.GetProperty("Config").GetProperty("Cmd")[0].GetString());
        Assert.Equal("layers", image.GetProperty("RootFS").GetProperty("Type").GetString());
        Assert.Equal([LayerTars.Digest(TestImages.BusyboxTar)], image.GetProperty("RootFS").GetProperty("Layers").EnumerateArray().Select(l => l.GetString()));
        Assert.True(image.GetProperty("Size").GetInt64() > 1_000_000);
        Assert.Equal("linux", image.GetProperty("Os").GetString());
        Assert.Equal("amd64", image.GetProperty("Architecture").GetString());
    }

    [Fact]
    public async Task History_of_an_imported_image_is_one_row_with_its_comment()
    {
        var lines = Lines(await D.BerthOk("history", "busybox"));

        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^IMAGE\s+CREATED\s+CREATED BY\s+SIZE\s+COMMENT$", lines[0]);
        var shortId = (await IdOf("busybox"))["sha256:".Length..][..12];
        Assert.Matches($@"^{shortId}\s+.+ago\s+1\.\d+MB\s+Imported from -$", lines[1]);
        Assert.Equal([shortId], Lines(await D.BerthOk("history", "-q", "busybox")));
    }

    [Theory]
    [InlineData("busybox")]
    [InlineData("busybox:latest")]
    [InlineData("docker.io/library/busybox")]
    [InlineData("docker.io/library/busybox:latest")]
    [InlineData("library/busybox")]
    [InlineData("index.docker.io/library/busybox")]
    public async Task Every_spelling_of_busybox_names_the_same_image(string reference)
    {
        var id = await IdOf("busybox");

        Assert.Equal(id, await IdOf(reference));
        Assert.Equal(id, (await D.BerthOk("inspect", "--type", "image", "-f", "{{.Id}}", reference)).Trim());
        Assert.Single(Lines(await D.BerthOk("history", "-q", reference)));
        Assert.Equal("spelt\n", await D.BerthOk("run", "--rm", reference, "echo", "spelt"));
        var target = "spelling/" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(reference)))[..8];
        await D.BerthOk("tag", reference, target);
        Assert.Equal(id, await IdOf(target));
        await D.BerthOk("rmi", target);
    }

    [Fact]
    public async Task A_short_id_prefix_works_everywhere_a_name_does()
    {
        var id = await IdOf("busybox");
        foreach (var prefix in new[] { id["sha256:".Length..][..5], id[..12], id["sha256:".Length..] })
        {
            Assert.Equal(id, await IdOf(prefix));
            Assert.Single(Lines(await D.BerthOk("history", "-q", prefix)));
            Assert.Equal("by id\n", await D.BerthOk("run", "--rm", prefix, "echo", "by id"));
            await D.BerthOk("tag", prefix, "by/id:prefix");
            Assert.Equal(id, await IdOf("by/id:prefix"));
            await D.BerthOk("rmi", "by/id:prefix");
            Assert.True((await D.Berth("save", "-o", Path.Combine(D.Root, "by-id.tar"), prefix)).ExitCode == 0);
        }
    }
}
