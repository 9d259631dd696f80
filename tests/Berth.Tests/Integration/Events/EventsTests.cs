using System.Globalization;
using System.Text.Json;
using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Events;

/// <summary>GET /events and `events`: each action is seen, with Docker's message shape; filters; the docker CLI.</summary>
public sealed class EventsTests : IAsyncLifetime
{
    private readonly DaemonFixture _fixture = new();
    private BerthDaemon D => _fixture.Daemon;

    public Task InitializeAsync() => _fixture.InitializeAsync();
    public Task DisposeAsync() => _fixture.DisposeAsync();

    private static string Unix(DateTimeOffset t) => (t.ToUnixTimeMilliseconds() / 1000.0).ToString("F3", CultureInfo.InvariantCulture);

    private async Task<List<JsonElement>> Events(DateTimeOffset since, params string[] extra)
    {
        var args = new List<string> { "events", "--since", Unix(since), "--until", Unix(DateTimeOffset.UtcNow), "--format", "{{json .}}" };
        args.AddRange(extra);
        var output = await D.BerthOk([.. args]);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    private static IEnumerable<string> Actions(IEnumerable<JsonElement> events) => events.Select(e => e.GetProperty("Action").GetString()!);

    [Fact]
    public async Task Container_lifecycle_actions_are_reported_in_Docker_shape()
    {
        var t0 = DateTimeOffset.UtcNow.AddSeconds(-1);
        var id = (await D.BerthOk("run", "-d", "--name", "ev", "-l", "team=blue", "busybox", "sleep", "60")).Trim();
        await D.BerthOk("pause", "ev");
        await D.BerthOk("unpause", "ev");
        await D.BerthOk("kill", "-s", "USR1", "ev");
        await D.BerthOk("restart", "-t", "1", "ev");
        await D.BerthOk("stop", "-t", "1", "ev");
        await D.BerthOk("rename", "ev", "ev2");
        await D.BerthOk("rm", "ev2");
        await Task.Delay(200);

        var events = (await Events(t0)).Where(e => e.GetProperty("Type").GetString() == "container").ToList();
        var actions = Actions(events).ToList();
        foreach (var a in new[] { "create", "start", "pause", "unpause", "kill", "die", "stop", "restart", "rename", "destroy" })
            Assert.Contains(a, actions);
        Assert.True(actions.IndexOf("create") < actions.IndexOf("start"));
        Assert.True(actions.IndexOf("pause") < actions.IndexOf("unpause"));
        Assert.Equal("destroy", actions[^1]);

        var die = events.First(e => e.GetProperty("Action").GetString() == "die");
        Assert.Equal(id, die.GetProperty("Actor").GetProperty("ID").GetString());
        Assert.Equal(id, die.GetProperty("id").GetString());
        Assert.Equal("die", die.GetProperty("status").GetString());
        Assert.Equal("busybox", die.GetProperty("from").GetString());
        Assert.Equal("local", die.GetProperty("scope").GetString());
        var attrs = die.GetProperty("Actor").GetProperty("Attributes");
        Assert.Equal("ev", attrs.GetProperty("name").GetString());
        Assert.Equal("busybox", attrs.GetProperty("image").GetString());
        Assert.Equal("blue", attrs.GetProperty("team").GetString());
        Assert.True(attrs.TryGetProperty("exitCode", out _));
        Assert.Equal(die.GetProperty("time").GetInt64(), die.GetProperty("timeNano").GetInt64() / 1_000_000_000);

        var kill = events.First(e => e.GetProperty("Action").GetString() == "kill");
        Assert.Equal("10", kill.GetProperty("Actor").GetProperty("Attributes").GetProperty("signal").GetString());
        var rename = events.First(e => e.GetProperty("Action").GetString() == "rename");
        Assert.Equal("ev", rename.GetProperty("Actor").GetProperty("Attributes").GetProperty("oldName").GetString());
        Assert.Equal("ev2", rename.GetProperty("Actor").GetProperty("Attributes").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Image_actions_are_reported()
    {
        // From before the fixture's import of busybox.
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-1);
        await D.BerthOk("tag", "busybox", "evimg:1");
        var tar = Path.Combine(D.Root, "evimg.tar");
        await D.BerthOk("save", "-o", tar, "evimg:1");
        await D.BerthOk("rmi", "evimg:1");
        await D.BerthOk("load", "-i", tar);
        await Task.Delay(100);
        var events = (await Events(t0, "--filter", "type=image")).ToList();
        Assert.Equal(["import", "tag", "save", "untag", "load"], Actions(events));
        Assert.All(events, e => Assert.StartsWith("sha256:", e.GetProperty("Actor").GetProperty("ID").GetString()));
        Assert.Equal("busybox:latest", events[0].GetProperty("Actor").GetProperty("Attributes").GetProperty("name").GetString());
        Assert.Equal("evimg:1", events[1].GetProperty("Actor").GetProperty("Attributes").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Filters_select_by_container_event_and_label_and_the_default_format_is_docker_text()
    {
        var t0 = DateTimeOffset.UtcNow.AddSeconds(-1);
        await D.BerthOk("run", "--name", "one", "-l", "k=v", "busybox", "true");
        await D.BerthOk("run", "--name", "two", "busybox", "true");
        await Task.Delay(100);

        Assert.Equal(["create", "attach", "start", "die"], Actions(await Events(t0, "--filter", "container=one")));
        Assert.Equal(["die", "die"], Actions(await Events(t0, "--filter", "event=die")));
        Assert.Equal(["start"], Actions(await Events(t0, "-f", "label=k=v", "-f", "event=start")));
        Assert.Equal(2, (await Events(t0, "-f", "container=one", "-f", "container=two", "-f", "event=create")).Count);

        var text = await D.BerthOk("events", "--since", Unix(t0), "--until", Unix(DateTimeOffset.UtcNow), "-f", "container=two", "-f", "event=die");
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}(Z|[+-]\d\d:\d\d) container die [0-9a-f]{64} \(execDuration=\d+, exitCode=0, image=busybox, name=two\)\n$", text);
        var custom = await D.BerthOk("events", "--since", Unix(t0), "--until", Unix(DateTimeOffset.UtcNow), "-f", "container=two", "-f", "event=die",
            "--format", "{{.Type}} {{.Status}} {{.Actor.Attributes.name}}");
        Assert.Equal("container die two\n", custom);
    }

    [Fact]
    public async Task Events_stream_live_until_the_until_time()
    {
        var until = DateTimeOffset.UtcNow.AddSeconds(3);
        var watch = D.Berth("events", "--until", Unix(until), "--format", "{{.Action}} {{.Actor.Attributes.name}}");
        await Task.Delay(700);
        await D.BerthOk("create", "--name", "live", "busybox", "true");
        var r = await watch;
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("create live\n", r.Stdout);
        Assert.True(DateTimeOffset.UtcNow >= until.AddMilliseconds(-200));
    }

    [Fact]
    public async Task The_docker_cli_reads_events()
    {
        var t0 = DateTimeOffset.UtcNow.AddSeconds(-1);
        await D.BerthOk("run", "--name", "dock", "busybox", "true");
        await Task.Delay(100);
        var output = await D.DockerOk("events", "--since", Unix(t0), "--until", Unix(DateTimeOffset.UtcNow), "--filter", "container=dock",
            "--format", "{{.Type}} {{.Action}} {{.Actor.Attributes.name}}");
        Assert.Equal("container create dock\ncontainer attach dock\ncontainer start dock\ncontainer die dock\n", output);
        var text = await D.DockerOk("events", "--since", Unix(t0), "--until", Unix(DateTimeOffset.UtcNow), "--filter", "event=die");
        Assert.Contains(" container die ", text);
        Assert.Contains("name=dock", text);
    }
}
