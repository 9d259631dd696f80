using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Containers;

/// <summary>`commit`: the container's changes become one new layer on top of its image.</summary>
public sealed class CommitTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    private async Task<int> LayerCount(string image) =>
        int.Parse((await D.BerthOk("image", "inspect", "-f", "{{len .RootFS.Layers}}", image)).Trim());

    [Fact]
    public async Task Commit_makes_an_image_with_the_changes_and_one_more_layer()
    {
        await D.BerthOk("run", "--name", "commit-src", "busybox", "sh", "-c", "echo committed > /data.txt; rm /etc/group");

        var id = (await D.BerthOk("commit", "-a", "Ann Author <ann@example.com>", "-m", "my message", "commit-src", "committed:v1")).Trim();

        Assert.Matches("^sha256:[0-9a-f]{64}$", id);
        Assert.Equal("committed\n", await D.BerthOk("run", "--rm", "committed:v1", "cat", "/data.txt"));
        Assert.Equal("gone\n", await D.BerthOk("run", "--rm", "committed:v1", "sh", "-c", "test -e /etc/group || echo gone"));
        Assert.NotEqual(0, (await D.Berth("run", "--rm", "busybox", "cat", "/data.txt")).ExitCode);
        Assert.Equal(await LayerCount("busybox") + 1, await LayerCount("committed:v1"));
        Assert.Equal(id, (await D.BerthOk("image", "inspect", "-f", "{{.Id}}", "committed:v1")).Trim());
        Assert.Equal("Ann Author <ann@example.com>|my message\n", await D.BerthOk("image", "inspect", "-f", "{{.Author}}|{{.Comment}}", "committed:v1"));
        var history = await D.BerthOk("history", "--no-trunc", "--format", "{{.CreatedBy}}|{{.Comment}}", "committed:v1");
        Assert.StartsWith("sh -c echo committed > /data.txt; rm /etc/group|my message\n", history);
        Assert.Equal(await LayerCount("committed:v1"), history.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Commit_keeps_the_container_config_and_applies_changes()
    {
        await D.BerthOk("run", "--name", "commit-cfg", "-e", "FROM_RUN=1", "-w", "/tmp", "busybox", "true");

        await D.BerthOk("commit", "-c", "CMD [\"echo\",\"x\"]", "-c", "ENV ADDED=2", "commit-cfg", "committed-cfg");

        Assert.Equal("x\n", await D.BerthOk("run", "--rm", "committed-cfg"));
        Assert.Equal("1 2 /tmp\n", await D.BerthOk("run", "--rm", "committed-cfg", "sh", "-c", "echo $FROM_RUN $ADDED $(pwd)"));
    }

    [Fact]
    public async Task Commit_of_a_running_container_without_a_name_gives_an_untagged_image()
    {
        await D.BerthOk("run", "-d", "--name", "commit-running", "busybox", "sh", "-c", "echo live > /live; sleep 60");
        for (var i = 0; i < 50 && !(await D.BerthOk("diff", "commit-running")).Contains("A /live"); i++) await Task.Delay(100);

        var id = (await D.BerthOk("commit", "commit-running")).Trim();

        Assert.Equal("live\n", await D.BerthOk("run", "--rm", id, "cat", "/live"));
        await D.BerthOk("rm", "-f", "commit-running");
    }

    [Fact]
    public async Task Commit_pauses_a_running_container_and_thaws_it_after()
    {
        var id = (await D.BerthOk("run", "-d", "--name", "commit-pause", "busybox", "sh", "-c", "i=0; while true; do i=$((i+1)); echo $i > /tmp/c; mv /tmp/c /tmp/count; done")).Trim();
        for (var i = 0; i < 50 && (await D.Berth("cp", "commit-pause:/tmp/count", "-")).ExitCode != 0; i++) await Task.Delay(100);
        var freezer = new[] { $"/sys/fs/cgroup/freezer/berth/{id}/freezer.state", $"/sys/fs/cgroup/berth/{id}/cgroup.freeze" }.FirstOrDefault(File.Exists);

        var image = (await D.BerthOk("commit", "commit-pause")).Trim();

        Assert.Matches("^[0-9]+$", (await D.BerthOk("run", "--rm", image, "cat", "/tmp/count")).Trim());
        if (freezer is not null) Assert.Contains(File.ReadAllText(freezer).Trim(), new[] { "THAWED", "0" });
        var first = await D.BerthOk("cp", "commit-pause:/tmp/count", "-");
        await Task.Delay(200);
        Assert.NotEqual(first, await D.BerthOk("cp", "commit-pause:/tmp/count", "-"));
        Assert.Equal("running\n", await D.BerthOk("inspect", "-f", "{{.State.Status}}", "commit-pause"));
        await D.BerthOk("rm", "-f", "commit-pause");
    }

    [Fact]
    public async Task Docker_commit_works_against_berthd()
    {
        await D.DockerOk("run", "--name", "commit-docker", "busybox", "sh", "-c", "mkdir -p /opt/app && echo hi > /opt/app/f");

        var id = (await D.DockerOk("commit", "-m", "via docker", "-c", "WORKDIR /opt/app", "commit-docker", "docker-committed:latest")).Trim();

        Assert.Matches("^sha256:[0-9a-f]{64}$", id);
        Assert.Equal("hi\n", await D.DockerOk("run", "--rm", "docker-committed", "cat", "f"));
        Assert.Equal("via docker\n", await D.DockerOk("image", "inspect", "-f", "{{.Comment}}", "docker-committed"));
    }

    [Fact]
    public async Task Commit_of_a_missing_container_fails()
    {
        var r = await D.Berth("commit", "no-such-container");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("No such container: no-such-container", r.Stderr);
    }
}
