using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Containers;

/// <summary>`diff`: the writable layer against the image, as A/C/D lines sorted by path.</summary>
public sealed class DiffTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    private const string Changes = "mkdir /tmp/d; echo y > /tmp/y; echo x > /x; echo g:x:5: >> /etc/group; rm /etc/passwd";

    private const string Expected = "C /etc\nC /etc/group\nD /etc/passwd\nC /tmp\nA /tmp/d\nA /tmp/y\nA /x\n";

    [Fact]
    public async Task Diff_lists_added_changed_and_deleted_paths_with_their_parents()
    {
        await D.BerthOk("run", "--name", "diff-berth", "busybox", "sh", "-c", Changes);

        Assert.Equal(Expected, await D.BerthOk("diff", "diff-berth"));
        Assert.Equal(Expected, await D.BerthOk("container", "diff", "diff-berth"));
    }

    [Fact]
    public async Task Docker_diff_reads_the_same_changes()
    {
        await D.DockerOk("run", "--name", "diff-docker", "busybox", "sh", "-c", Changes);

        Assert.Equal(Expected, await D.DockerOk("diff", "diff-docker"));
    }

    [Fact]
    public async Task Diff_of_a_fresh_container_is_empty_and_of_a_running_one_is_live()
    {
        await D.BerthOk("create", "--name", "diff-fresh", "busybox", "true");
        Assert.Equal("", await D.BerthOk("diff", "diff-fresh"));

        await D.BerthOk("run", "-d", "--name", "diff-live", "busybox", "sh", "-c", "touch /live; sleep 60");
        for (var i = 0; i < 50 && !(await D.BerthOk("diff", "diff-live")).Contains("A /live"); i++) await Task.Delay(100);
        Assert.Equal("A /live\n", await D.BerthOk("diff", "diff-live"));
        await D.BerthOk("rm", "-f", "diff-live");
    }

    [Fact]
    public async Task Diff_of_a_missing_container_fails_like_docker()
    {
        var r = await D.Berth("diff", "no-such-container");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("No such container: no-such-container", r.Stderr);
    }
}
