using System.Net.Sockets;
using System.Text;
using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Interactive;

/// <summary>
/// TTY sessions under a real pseudo-terminal (`script`), with berth and with the docker CLI
/// against berthd: the size the container sees at start and after the terminal changes, the
/// detach keys, attaching again, `start -ai`.
/// </summary>
public sealed class TtyTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    private const string DetachKeys = "\x10\x11";

    /// <summary>Types "stty size" until the shell reports <paramref name="size"/> (a resize is sent asynchronously).</summary>
    private async Task WaitForSizeAsync(InteractiveProcess session, string size)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var from = session.Output.Length;
            await session.SendAsync("stty size\r");
            try
            {
                await session.WaitForOutputAsync($"\n{size}\r", from, timeoutSeconds: 2);
                return;
            }
            catch (Xunit.Sdk.XunitException e) when (DateTime.UtcNow >= deadline)
            {
                throw new Xunit.Sdk.XunitException($"{e.Message}\n--- daemon log\n{D.Log}");
            }
            catch (Xunit.Sdk.XunitException) { }
        }
    }

    [Theory]
    [InlineData("berth")]
    [InlineData("docker")]
    public async Task Run_it_sees_the_terminal_size_and_its_changes(string cli)
    {
        var ttyName = Path.Combine(D.Root, $"tty-{cli}");
        await using var session = D.StartCliInTerminal(cli, "run -it --rm busybox sh", before: $"tty > {ttyName}; ", rows: 33, columns: 101);
        await session.WaitForOutputAsync("/ # ");
        await WaitForSizeAsync(session, "33 101");

        // The terminal changes size: the kernel sends SIGWINCH to the client, which passes it on.
        var pts = (await File.ReadAllTextAsync(ttyName)).Trim();
        var stty = await ProcessRunner.RunAsync("stty", ["-F", pts, "rows", "40", "cols", "120"]);
        Assert.Equal(0, stty.ExitCode);
        await WaitForSizeAsync(session, "40 120");

        await session.SendAsync("exit 3\r");
        Assert.Equal(3, await session.WaitForExitAsync());
    }

    [Theory]
    [InlineData("berth")]
    [InlineData("docker")]
    public async Task Detach_keys_leave_the_container_running_and_attach_comes_back_to_it(string cli)
    {
        var name = "detach-" + cli;
        await using (var run = D.StartCliInTerminal(cli, $"run -it --name {name} busybox sh"))
        {
            await run.WaitForOutputAsync("/ # ");
            await run.SendAsync("echo $((6*7))\r");
            await run.WaitForOutputAsync("42");
            await run.SendAsync(DetachKeys);
            Assert.Equal(0, await run.WaitForExitAsync());
        }
        Assert.Equal("true", await D.InspectAsync(name, "{{.State.Running}}"));

        await using (var attach = D.StartCliInTerminal(cli, $"attach {name}"))
        {
            await attach.SendAsync("echo $((7*8))\r");
            await attach.WaitForOutputAsync("56");
            await attach.SendAsync(DetachKeys);
            Assert.Equal(1, await attach.WaitForExitAsync());
            Assert.Contains("read escape sequence", attach.Output);
        }
        Assert.Equal("true", await D.InspectAsync(name, "{{.State.Running}}"));

        await using (var custom = D.StartCliInTerminal(cli, $"attach --detach-keys ctrl-a,x {name}"))
        {
            await custom.SendAsync("echo $((8*9))\r");
            await custom.WaitForOutputAsync("72");
            await custom.SendAsync("\x01x");
            Assert.Equal(1, await custom.WaitForExitAsync());
        }
        Assert.Equal("true", await D.InspectAsync(name, "{{.State.Running}}"));

        await using (var last = D.StartCliInTerminal(cli, $"attach {name}"))
        {
            await last.SendAsync("exit 3\r");
            Assert.Equal(3, await last.WaitForExitAsync());
        }
        Assert.Equal("exited 3", await D.WaitForInspectAsync(name, "{{.State.Status}} {{.State.ExitCode}}", v => v.StartsWith("exited")));
    }

    [Theory]
    [InlineData("berth")]
    [InlineData("docker")]
    public async Task Start_ai_with_a_tty_sizes_the_terminal_and_takes_input(string cli)
    {
        var name = "start-tty-" + cli;
        var program = ClientCli.ProgramOf(cli);
        await using var session = D.StartCliInTerminal(cli, $"start -ai {name}",
            before: $"{program} create -it --name {name} busybox sh -c 'stty size; read l; echo \"read $l\"; exit 5' && ",
            rows: 21, columns: 87);
        await session.WaitForOutputAsync("21 87");
        await session.SendAsync("hello\r");
        await session.WaitForOutputAsync("read hello");
        Assert.Equal(5, await session.WaitForExitAsync());
    }

    [Fact]
    public async Task The_daemon_ends_a_tty_attach_on_the_detach_keys_it_was_given()
    {
        await D.BerthOk("run", "-d", "-i", "-t", "--name", "raw-detach", "busybox", "sh");
        var since = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        // A client that sends every key, as API clients other than the two CLIs do.
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(D.Socket));
        await socket.SendAsync(Encoding.ASCII.GetBytes(
            "POST /v1.50/containers/raw-detach/attach?stream=1&stdin=1&stdout=1&stderr=1&detachKeys=ctrl-x,ctrl-y HTTP/1.1\r\n" +
            "Host: api\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"));
        var received = new StringBuilder();
        var reader = Task.Run(async () =>
        {
            var buffer = new byte[4096];
            int n;
            while ((n = await socket.ReceiveAsync(buffer)) > 0) lock (received) received.Append(Encoding.ASCII.GetString(buffer, 0, n));
        });
        async Task WaitFor(string text)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (true)
            {
                lock (received) if (received.ToString().Contains(text, StringComparison.Ordinal)) return;
                Assert.True(DateTime.UtcNow < deadline, $"\"{text}\" did not arrive; got:\n{received}");
                await Task.Delay(20);
            }
        }
        await WaitFor("HTTP/1.1 101");
        await socket.SendAsync("echo $((3*4))\r"u8.ToArray());
        await WaitFor("12\r\n");
        // The keys this attach chose: the daemon ends it and the container runs on.
        await socket.SendAsync("\x18\x19"u8.ToArray());
        await reader.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("true", await D.InspectAsync("raw-detach", "{{.State.Running}}"));
        var events = await D.BerthOk("events", "--since", since.ToString(), "--until", DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds().ToString(),
            "--filter", "container=raw-detach", "--format", "{{.Action}}");
        Assert.Contains("detach", events.Split('\n'));
    }
}
