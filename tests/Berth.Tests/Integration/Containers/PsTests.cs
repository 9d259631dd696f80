using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Containers;

/// <summary>`ps` over <see cref="PsContainersFixture"/>'s three containers: running, exited with 3, created.</summary>
public sealed class PsTests(PsContainersFixture fixture) : IClassFixture<PsContainersFixture>
{
    private BerthDaemon D => fixture.Daemon;

    // Docker's HumanDuration for how long this class's containers can have been around.
    private const string RecentDuration = "(Less than a second|1 second|[0-9]+ seconds|About a minute|[0-9]+ minutes)";

    private async Task<string[]> Names(params string[] args) =>
        (await D.BerthOk(["ps", .. args, "--format", "{{.Names}}"])).Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Where(n => n.StartsWith("ps-", StringComparison.Ordinal)).ToArray();

    [Fact]
    public async Task Ps_shows_running_containers_only()
    {
        Assert.Equal(["ps-running"], await Names());
    }

    [Fact]
    public async Task Ps_all_shows_every_container_newest_first()
    {
        Assert.Equal(["ps-created", "ps-exited", "ps-running"], await Names("-a"));
    }

    [Fact]
    public async Task Ps_quiet_prints_short_ids_and_no_trunc_full_ones()
    {
        Assert.Equal(fixture.RunningId[..12] + "\n", await D.BerthOk("ps", "-q", "--filter", "name=ps-running"));
        Assert.Equal(fixture.RunningId + "\n", await D.BerthOk("ps", "-q", "--no-trunc", "--filter", "name=ps-running"));
    }

    [Fact]
    public async Task Ps_last_n_and_latest_include_stopped_containers()
    {
        Assert.Equal("ps-created\nps-exited\n", await D.BerthOk("ps", "-n", "2", "--format", "{{.Names}}"));
        Assert.Equal("ps-created\n", await D.BerthOk("ps", "-l", "--format", "{{.Names}}"));
    }

    [Fact]
    public async Task Ps_filters_by_status()
    {
        Assert.Equal(["ps-exited"], await Names("--filter", "status=exited"));
        Assert.Equal(["ps-running"], await Names("--filter", "status=running"));
        Assert.Equal(["ps-created"], await Names("--filter", "status=created"));
        Assert.Equal(["ps-created", "ps-running"], await Names("--filter", "status=created", "--filter", "status=running"));
    }

    [Fact]
    public async Task Ps_filters_by_name_label_id_and_ancestor()
    {
        Assert.Equal(["ps-exited"], await Names("-a", "--filter", "name=exited"));
        Assert.Equal(["ps-exited"], await Names("-a", "--filter", "name=^ps-exited$"));
        Assert.Equal(["ps-exited"], await Names("-a", "--filter", "name=^/ps-exited$"));
        Assert.Equal(["ps-exited", "ps-running"], await Names("-a", "--filter", "label=app"));
        Assert.Equal(["ps-running"], await Names("-a", "--filter", "label=app=web"));
        Assert.Equal(["ps-created"], await Names("-a", "--filter", "id=" + fixture.CreatedId[..10]));
        Assert.Equal(["ps-created", "ps-exited", "ps-running"], await Names("-a", "--filter", "ancestor=busybox"));
        Assert.Empty(await Names("-a", "--filter", "ancestor=busybox:other"));
    }

    [Fact]
    public async Task Ps_filters_by_exit_code_among_what_all_shows()
    {
        Assert.Equal(["ps-exited"], await Names("-a", "--filter", "exited=3"));
        Assert.Empty(await Names("-a", "--filter", "exited=0"));
        // Unlike status=, exited= does not widen the list to stopped containers (Docker).
        Assert.Empty(await Names("--filter", "exited=3"));
    }

    [Fact]
    public async Task Ps_status_texts_are_dockers()
    {
        Assert.Matches($"^Up {RecentDuration}\n$", await D.BerthOk("ps", "--filter", "name=ps-running", "--format", "{{.Status}}"));
        Assert.Matches($"^Exited \\(3\\) {RecentDuration} ago\n$", await D.BerthOk("ps", "-a", "--filter", "name=ps-exited", "--format", "{{.Status}}"));
        Assert.Equal("Created\n", await D.BerthOk("ps", "-a", "--filter", "name=ps-created", "--format", "{{.Status}}"));
    }

    [Fact]
    public async Task Ps_format_with_fields_prints_one_line_per_container()
    {
        var line = await D.BerthOk("ps", "--filter", "name=ps-running", "--format", "{{.Names}} {{.Status}} {{.Image}} {{.Command}}");

        Assert.Matches($"^ps-running Up {RecentDuration} busybox \"sleep 300\"\n$", line);
    }

    [Fact]
    public async Task Ps_table_format_has_a_header_and_aligned_columns()
    {
        var table = await D.BerthOk("ps", "-a", "--filter", "label=app", "--format", "table {{.Names}}\t{{.Command}}\t{{.Labels}}");

        Assert.Equal(
            "NAMES        COMMAND            LABELS\n" +
            "ps-exited    \"sh -c 'exit 3'\"   app=batch\n" +
            "ps-running   \"sleep 300\"        app=web,tier=front\n", table);
    }

    [Theory]
    [InlineData("-a")]
    [InlineData("-a", "--no-trunc")]
    [InlineData("-a", "--format", "table {{.ID}}\t{{.Names}}\t{{.Command}}\t{{.Labels}}")]
    [InlineData("--format", "{{json .Names}} {{.Label \"app\"}} {{.State}}")]
    [InlineData("-a", "--format", "{{json .}}")]
    [InlineData("-a", "--format", "json")]
    [InlineData("-a", "--format", "{{.Platform}}")]
    public async Task Ps_prints_what_the_docker_cli_prints_for_the_same_daemon(params string[] args)
    {
        // "N seconds ago" may tick between the two calls: a few tries settle it.
        for (var attempt = 1; ; attempt++)
        {
            var berth = await D.BerthOk(["ps", .. args]);
            var docker = await D.DockerOk(["ps", .. args]);
            if (berth == docker || attempt == 3)
            {
                Assert.Equal(docker, berth);
                return;
            }
        }
    }
}
