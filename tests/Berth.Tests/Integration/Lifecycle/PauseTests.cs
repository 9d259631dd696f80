using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Lifecycle;

/// <summary>pause/unpause freeze and thaw the container's cgroup; stop and kill still work on a paused container.</summary>
public sealed class PauseTests : IAsyncLifetime
{
    private readonly DaemonFixture _fixture = new();
    private BerthDaemon D => _fixture.Daemon;

    public Task InitializeAsync() => _fixture.InitializeAsync();
    public Task DisposeAsync() => _fixture.DisposeAsync();

    private const string Counter = "i=0; while true; do i=$((i+1)); echo $i > /count; sleep 0.05; done";

    private async Task<int> ReadCount(string id)
    {
        // No exec yet: read the file through the container's root as the host sees it.
        var pid = (await D.BerthOk("inspect", "-f", "{{.State.Pid}}", id)).Trim();
        return int.Parse(File.ReadAllText($"/proc/{pid}/root/count").Trim());
    }

    [Fact]
    public async Task A_paused_counter_stops_advancing_and_resumes_after_unpause()
    {
        var id = (await D.BerthOk("run", "-d", "--name", "counter", "busybox", "sh", "-c", Counter)).Trim();
        await Task.Delay(300);
        Assert.Equal("counter\n", await D.BerthOk("pause", "counter"));
        Assert.Equal("paused", (await D.BerthOk("inspect", "-f", "{{.State.Status}}", id)).Trim());
        Assert.Equal("true true", (await D.BerthOk("inspect", "-f", "{{.State.Paused}} {{.State.Running}}", id)).Trim());
        Assert.Matches(@"^Up .* \(Paused\)$", (await D.BerthOk("ps", "--format", "{{.Status}}")).Trim());
        Assert.Equal("counter\n", await D.BerthOk("ps", "--filter", "status=paused", "--format", "{{.Names}}"));

        var frozen = await ReadCount(id);
        await Task.Delay(500);
        Assert.Equal(frozen, await ReadCount(id));

        Assert.Equal("counter\n", await D.BerthOk("unpause", "counter"));
        Assert.Equal("running", (await D.BerthOk("inspect", "-f", "{{.State.Status}}", id)).Trim());
        await Task.Delay(500);
        Assert.True(await ReadCount(id) > frozen + 2, "the counter must advance again after unpause");
    }

    [Fact]
    public async Task Pause_and_unpause_report_Docker_errors()
    {
        var id = (await D.BerthOk("create", "--name", "idle", "busybox", "sleep", "60")).Trim();
        var r = await D.Berth("pause", "idle");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"Container {id} is not running", r.Stderr);

        await D.BerthOk("start", "idle");
        r = await D.Berth("unpause", "idle");
        Assert.Contains($"Container {id} is not paused", r.Stderr);

        await D.BerthOk("pause", "idle");
        r = await D.Berth("pause", "idle");
        Assert.Contains($"Container {id} is already paused", r.Stderr);
        r = await D.Berth("start", "idle");
        Assert.Contains("cannot start a paused container, try unpause instead", r.Stderr);

        r = await D.Berth("pause", "idle", "nosuch");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("already paused", r.Stderr);
        Assert.Contains("No such container: nosuch", r.Stderr);
    }

    [Fact]
    public async Task Stop_and_kill_work_on_a_paused_container()
    {
        await D.BerthOk("run", "-d", "--name", "pa", "busybox", "sleep", "60");
        await D.BerthOk("run", "-d", "--name", "pb", "busybox", "sh", "-c", "trap 'exit 3' TERM; while true; do sleep 0.1; done");
        await D.BerthOk("pause", "pa", "pb");

        await D.BerthOk("kill", "pa");
        Assert.Equal("exited 137", (await D.BerthOk("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "pa")).Trim());

        await D.BerthOk("stop", "-t", "5", "pb");
        Assert.Equal("exited 3", (await D.BerthOk("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "pb")).Trim());
    }

    [Fact]
    public async Task The_docker_cli_pauses_and_unpauses()
    {
        await D.BerthOk("run", "-d", "--name", "dc", "busybox", "sleep", "60");
        await D.DockerOk("pause", "dc");
        Assert.Equal("paused", (await D.DockerOk("inspect", "-f", "{{.State.Status}}", "dc")).Trim());
        await D.DockerOk("unpause", "dc");
        Assert.Equal("running", (await D.DockerOk("inspect", "-f", "{{.State.Status}}", "dc")).Trim());
        await D.DockerOk("rm", "-f", "dc");
    }
}
