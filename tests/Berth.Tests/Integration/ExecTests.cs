using System.Net.Sockets;
using System.Text.Json;
using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration;

/// <summary>`exec` against real containers, with berth's CLI, docker's CLI and the API.</summary>
public sealed class ExecTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    private async Task<string> RunningContainerAsync(params string[] options)
    {
        var id = (await D.BerthOk(["run", "-d", .. options, "busybox", "sleep", "300"])).Trim();
        return id;
    }

    [Fact]
    public async Task Exec_exits_with_the_process_exit_code()
    {
        var c = await RunningContainerAsync();
        Assert.Equal(0, (await D.Berth("exec", c, "true")).ExitCode);
        Assert.Equal(3, (await D.Berth("exec", c, "sh", "-c", "exit 3")).ExitCode);
    }

    [Fact]
    public async Task Exec_of_a_missing_command_exits_127()
    {
        var c = await RunningContainerAsync();
        var r = await D.Berth("exec", c, "no-such-command");
        Assert.Equal(127, r.ExitCode);
        Assert.Equal("OCI runtime exec failed: exec failed: unable to start container process: exec: \"no-such-command\": " +
            "executable file not found in $PATH: unknown\r\n", r.Stdout);
        Assert.Equal("", r.Stderr);
        var tty = await D.Berth("exec", "-t", c, "no-such-command");
        Assert.Equal(127, tty.ExitCode);
        Assert.StartsWith("OCI runtime exec failed: exec failed:", tty.Stdout);
    }

    [Fact]
    public async Task Exec_keeps_stdout_and_stderr_apart()
    {
        var c = await RunningContainerAsync();
        var r = await D.Berth("exec", c, "sh", "-c", "echo out; echo err >&2");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("out\n", r.Stdout);
        Assert.Equal("err\n", r.Stderr);
    }

    [Fact]
    public async Task Exec_env_user_and_workdir_are_seen_inside()
    {
        var c = await RunningContainerAsync("-e", "FROM_RUN=1");
        var r = await D.Berth("exec", "-e", "FOO=bar", "-u", "nobody", "-w", "/tmp", c, "sh", "-c", "echo $FOO $FROM_RUN; id -u; pwd");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("bar 1\n65534\n/tmp\n", r.Stdout);
    }

    [Fact]
    public async Task Exec_as_an_unknown_user_exits_126_with_the_reason()
    {
        var c = await RunningContainerAsync();
        var r = await D.Berth("exec", "-u", "no-such-user", c, "true");
        Assert.Equal(126, r.ExitCode);
        Assert.Equal("unable to find user no-such-user: no matching entries in passwd file\r\n", r.Stdout);
    }

    [Fact]
    public async Task Exec_with_i_forwards_stdin()
    {
        var c = await RunningContainerAsync();
        var r = await D.BerthWithInput("hi\n"u8.ToArray(), "exec", "-i", c, "cat");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("hi\n", r.Stdout);
    }

    [Fact]
    public async Task Exec_detached_returns_at_once_and_the_process_runs()
    {
        var c = await RunningContainerAsync();
        var r = await D.Berth("exec", "-d", c, "sh", "-c", "sleep 1; touch /tmp/done");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.NotEqual(0, (await D.Berth("exec", c, "test", "-e", "/tmp/done")).ExitCode);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await D.Berth("exec", c, "test", "-e", "/tmp/done")).ExitCode != 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the detached exec never created its file");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Exec_into_a_stopped_container_is_a_conflict()
    {
        var c = (await D.BerthOk("create", "busybox", "true")).Trim();
        var r = await D.Berth("exec", c, "true");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"Error response from daemon: container {c} is not running\n", r.Stderr);
        var docker = await D.Docker("exec", c, "true");
        Assert.Contains($"container {c} is not running", docker.Stderr);
    }

    [Fact]
    public async Task Docker_cli_exec_gets_output_and_exit_code()
    {
        var c = await RunningContainerAsync();
        var r = await D.Docker("exec", c, "sh", "-c", "echo hi; echo err >&2; exit 7");
        Assert.Equal(7, r.ExitCode);
        Assert.Equal("hi\n", r.Stdout);
        Assert.Equal("err\n", r.Stderr);
        var stdin = await D.DockerWithInput("piped\n"u8.ToArray(), "exec", "-i", c, "cat");
        Assert.Equal("piped\n", stdin.Stdout);
        var missing = await D.Docker("exec", c, "no-such-command");
        Assert.Equal(127, missing.ExitCode);
        Assert.StartsWith("OCI runtime exec failed: exec failed: unable to start container process:", missing.Stdout);
    }

    [Fact]
    public async Task Tty_exec_reports_the_terminal_size()
    {
        var c = await RunningContainerAsync();
        foreach (var cli in new[] { TestPaths.Cli, TestPaths.Docker })
        {
            var r = await ProcessRunner.RunAsync("script", ["-qec", $"stty rows 33 cols 77; {cli} exec -it {c} stty size", "/dev/null"],
                new Dictionary<string, string> { ["BERTH_HOST"] = D.Host, ["DOCKER_HOST"] = D.Host, ["DOCKER_CONFIG"] = Path.Combine(D.Root, "docker-config") });
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("33 77", r.Stdout);
        }
    }

    [Fact]
    public async Task Exec_api_inspect_resize_and_container_exec_ids()
    {
        var c = await RunningContainerAsync();
        var created = await D.ApiAsync("POST", $"/containers/{c}/exec",
            """{"AttachStdout":true,"Tty":true,"Cmd":["sh","-c","sleep 2; stty size"],"User":"nobody"}""");
        Assert.Equal(201, created.Status);
        var execId = JsonDocument.Parse(created.Body).RootElement.GetProperty("Id").GetString()!;
        Assert.Equal(200, (await D.ApiAsync("POST", $"/exec/{execId}/resize?h=21&w=66")).Status);
        Assert.Equal(200, (await D.ApiAsync("POST", $"/exec/{execId}/start", """{"Detach":true}""")).Status);

        var running = JsonDocument.Parse((await D.ApiAsync("GET", $"/exec/{execId}/json")).Body).RootElement;
        Assert.True(running.GetProperty("Running").GetBoolean());
        Assert.Equal(JsonValueKind.Null, running.GetProperty("ExitCode").ValueKind);
        Assert.Equal(c, running.GetProperty("ContainerID").GetString());
        var process = running.GetProperty("ProcessConfig");
        Assert.True(process.GetProperty("tty").GetBoolean());
        Assert.Equal("sh", process.GetProperty("entrypoint").GetString());
        Assert.Equal("nobody", process.GetProperty("user").GetString());
        Assert.True(running.GetProperty("Pid").GetInt32() > 0);
        Assert.Contains(execId, await D.BerthOk("inspect", "-f", "{{json .ExecIDs}}", c));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        JsonElement done;
        while ((done = JsonDocument.Parse((await D.ApiAsync("GET", $"/exec/{execId}/json")).Body).RootElement).GetProperty("Running").GetBoolean())
        {
            Assert.True(DateTime.UtcNow < deadline);
            await Task.Delay(100);
        }
        Assert.Equal(0, done.GetProperty("ExitCode").GetInt32());
        Assert.Equal("null\n", await D.BerthOk("inspect", "-f", "{{json .ExecIDs}}", c));

        var again = await D.ApiAsync("POST", $"/exec/{execId}/start", """{"Detach":true}""");
        Assert.Equal(409, again.Status);
        var missing = await D.ApiAsync("GET", "/exec/no-such-exec/json");
        Assert.Equal(404, missing.Status);
        Assert.Contains("No such exec instance: no-such-exec", missing.Body);
    }

    [Fact]
    public async Task Resize_of_a_running_tty_exec_reaches_its_terminal()
    {
        var c = await RunningContainerAsync();
        var created = await D.ApiAsync("POST", $"/containers/{c}/exec",
            """{"AttachStdout":true,"AttachStderr":true,"Tty":true,"ConsoleSize":[10,40],"Cmd":["sh","-c","stty size; sleep 1; stty size"]}""");
        var execId = JsonDocument.Parse(created.Body).RootElement.GetProperty("Id").GetString()!;

        // A hijacked start with a JSON body, as the docker CLI sends it.
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(D.Socket));
        var body = """{"Detach":false,"Tty":true}""";
        await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes(
            $"POST /v1.50/exec/{execId}/start HTTP/1.1\r\nHost: api\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n" +
            $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}"));
        var received = new MemoryStream();
        var buffer = new byte[4096];
        var readAll = Task.Run(async () =>
        {
            int n;
            while ((n = await socket.ReceiveAsync(buffer)) > 0) received.Write(buffer, 0, n);
        });
        await Task.Delay(500);
        Assert.Equal(200, (await D.ApiAsync("POST", $"/exec/{execId}/resize?h=21&w=66")).Status);
        await readAll.WaitAsync(TimeSpan.FromSeconds(20));
        var text = System.Text.Encoding.ASCII.GetString(received.ToArray());
        Assert.StartsWith("HTTP/1.1 101", text);
        Assert.Contains("10 40\r\n", text);
        Assert.Contains("21 66\r\n", text);
        var done = JsonDocument.Parse((await D.ApiAsync("GET", $"/exec/{execId}/json")).Body).RootElement;
        Assert.Equal(0, done.GetProperty("ExitCode").GetInt32());
    }

    [Fact]
    public async Task Detach_keys_end_a_tty_session_and_the_exec_runs_on()
    {
        var c = await RunningContainerAsync();
        var bad = await D.ApiAsync("POST", $"/containers/{c}/exec", """{"Cmd":["cat"],"DetachKeys":"ctrl-1"}""");
        Assert.Equal(400, bad.Status);
        Assert.Contains("Invalid escape keys (ctrl-1) provided", bad.Body);

        var created = await D.ApiAsync("POST", $"/containers/{c}/exec",
            """{"AttachStdin":true,"AttachStdout":true,"Tty":true,"Cmd":["cat"]}""");
        var execId = JsonDocument.Parse(created.Body).RootElement.GetProperty("Id").GetString()!;
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(D.Socket));
        var body = """{"Tty":true}""";
        await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes(
            $"POST /exec/{execId}/start HTTP/1.1\r\nHost: api\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n" +
            $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}"));
        await socket.SendAsync("typed\n"u8.ToArray());
        var received = new MemoryStream();
        var buffer = new byte[4096];
        int n;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!System.Text.Encoding.ASCII.GetString(received.ToArray()).Contains("typed")
               && (n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
            received.Write(buffer, 0, n);
        await socket.SendAsync("\u0010\u0011"u8.ToArray());
        // The server ends the session: the read reaches EOF while cat still runs.
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0) received.Write(buffer, 0, n);
        var state = JsonDocument.Parse((await D.ApiAsync("GET", $"/exec/{execId}/json")).Body).RootElement;
        Assert.True(state.GetProperty("Running").GetBoolean());
    }

    [Fact]
    public async Task Privileged_exec_has_every_capability()
    {
        var c = await RunningContainerAsync();
        var normal = await D.BerthOk("exec", c, "sh", "-c", "grep CapEff /proc/self/status");
        var privileged = await D.BerthOk("exec", "--privileged", c, "sh", "-c", "grep CapEff /proc/self/status");
        Assert.NotEqual(normal, privileged);
        Assert.Equal("CapEff:\t00000000a80425fb\n", normal);
    }
}
