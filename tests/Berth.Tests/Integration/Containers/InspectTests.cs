using System.Globalization;
using System.Text.Json;
using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Containers;

/// <summary>`inspect` of a container: the JSON fields scripts read, and -f templates.</summary>
public sealed class InspectTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    private const string ZeroTime = "0001-01-01T00:00:00Z";

    private async Task<JsonElement> Inspect(string container)
    {
        using var doc = JsonDocument.Parse(await D.BerthOk("inspect", container));
        Assert.Equal(1, doc.RootElement.GetArrayLength());
        return doc.RootElement[0].Clone();
    }

    private static DateTimeOffset Time(JsonElement e) => DateTimeOffset.Parse(e.GetString()!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Inspect_of_a_running_container()
    {
        var id = (await D.BerthOk("run", "-d", "--name", "in-running", "-e", "MODE=test", "-l", "team=core", "busybox", "sleep", "60")).Trim();

        var c = await Inspect("in-running");

        Assert.Equal(id, c.GetProperty("Id").GetString());
        Assert.Equal("/in-running", c.GetProperty("Name").GetString());
        Assert.Equal("sleep", c.GetProperty("Path").GetString());
        Assert.Equal(["60"], c.GetProperty("Args").EnumerateArray().Select(a => a.GetString()));
        Assert.StartsWith("sha256:", c.GetProperty("Image").GetString());
        var state = c.GetProperty("State");
        Assert.Equal("running", state.GetProperty("Status").GetString());
        Assert.True(state.GetProperty("Running").GetBoolean());
        Assert.True(state.GetProperty("Pid").GetInt32() > 0);
        Assert.Equal(0, state.GetProperty("ExitCode").GetInt32());
        Assert.InRange(Time(state.GetProperty("StartedAt")), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(ZeroTime, state.GetProperty("FinishedAt").GetString());
        var config = c.GetProperty("Config");
        Assert.Equal("busybox", config.GetProperty("Image").GetString());
        Assert.Equal(["sleep", "60"], config.GetProperty("Cmd").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("MODE=test", config.GetProperty("Env").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("core", config.GetProperty("Labels").GetProperty("team").GetString());
        Assert.Equal(id[..12], config.GetProperty("Hostname").GetString());
        await D.BerthOk("rm", "-f", "in-running");
    }

    [Fact]
    public async Task The_pid_in_inspect_is_the_containers_process_on_the_host()
    {
        await D.BerthOk("run", "-d", "--name", "in-pid", "busybox", "sleep", "61");

        var pid = await D.InspectField("in-pid", "{{.State.Pid}}");

        Assert.Equal("sleep\n", await File.ReadAllTextAsync($"/proc/{pid}/comm"));
        Assert.Equal("sleep\u000061\u0000", await File.ReadAllTextAsync($"/proc/{pid}/cmdline"));
        await D.BerthOk("rm", "-f", "in-pid");
    }

    [Fact]
    public async Task Inspect_of_an_exited_container_has_the_exit_code_and_finish_time()
    {
        await D.Berth("run", "--name", "in-exited", "busybox", "sh", "-c", "exit 3");

        var state = (await Inspect("in-exited")).GetProperty("State");

        Assert.Equal("exited", state.GetProperty("Status").GetString());
        Assert.False(state.GetProperty("Running").GetBoolean());
        Assert.Equal(0, state.GetProperty("Pid").GetInt32());
        Assert.Equal(3, state.GetProperty("ExitCode").GetInt32());
        Assert.True(Time(state.GetProperty("FinishedAt")) >= Time(state.GetProperty("StartedAt")));
        Assert.Equal("3\n", await D.BerthOk("inspect", "-f", "{{.State.ExitCode}}", "in-exited"));
    }

    [Fact]
    public async Task Inspect_of_a_created_container_has_zero_times()
    {
        await D.BerthOk("create", "--name", "in-created", "busybox", "true");

        Assert.Equal($"created false 0 {ZeroTime} {ZeroTime}",
            await D.InspectField("in-created", "{{.State.Status}} {{.State.Running}} {{.State.Pid}} {{.State.StartedAt}} {{.State.FinishedAt}}"));
    }

    [Fact]
    public async Task Inspect_shows_the_host_config_given_at_create()
    {
        await D.BerthOk("create", "--name", "in-host", "--network", "none", "--restart", "on-failure:3", "busybox", "true");
        await D.BerthOk("create", "--name", "in-autoremove", "--rm", "busybox", "true");

        Assert.Equal("none on-failure 3 false", await D.InspectField("in-host",
            "{{.HostConfig.NetworkMode}} {{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}} {{.HostConfig.AutoRemove}}"));
        Assert.Equal("no true", await D.InspectField("in-autoremove", "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.AutoRemove}}"));
    }

    [Fact]
    public async Task The_log_path_is_a_file_on_the_host_holding_the_output()
    {
        await D.BerthOk("run", "--name", "in-logpath", "busybox", "echo", "logged line");

        var logPath = await D.InspectField("in-logpath", "{{.LogPath}}");

        Assert.True(File.Exists(logPath), logPath);
        Assert.Contains("logged line", await File.ReadAllTextAsync(logPath));
    }

    [Fact]
    public async Task Inspect_format_renders_go_templates()
    {
        var id = (await D.BerthOk("create", "--name", "in-format", "-e", "A=1", "busybox", "echo", "x")).Trim();

        Assert.Equal($"/in-format {id}", await D.InspectField("in-format", "{{.Name}} {{.Id}}"));
        Assert.Equal("[\"echo\",\"x\"]", await D.InspectField("in-format", "{{json .Config.Cmd}}"));
        Assert.Equal("A=1", await D.InspectField("in-format", "{{range .Config.Env}}{{if eq . \"A=1\"}}{{.}}{{end}}{{end}}"));
    }

    [Fact]
    public async Task Inspect_of_several_containers_lists_them_in_order_and_reports_missing_ones()
    {
        await D.BerthOk("create", "--name", "in-one", "busybox", "true");
        await D.BerthOk("create", "--name", "in-two", "busybox", "true");

        var r = await D.Berth("inspect", "-f", "{{.Name}}", "in-two", "in-missing", "in-one");

        Assert.Equal(1, r.ExitCode);
        Assert.Equal("/in-two\n/in-one\n", r.Stdout);
        Assert.Equal("Error: No such object: in-missing\n", r.Stderr);
    }
}
