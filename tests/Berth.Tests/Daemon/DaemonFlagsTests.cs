using System.Diagnostics;
using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Daemon;

/// <summary>berthd takes dockerd's flags and daemon.json keys; its socket is created 0660.</summary>
public sealed class DaemonFlagsTests
{
    [Fact]
    public async Task The_socket_is_created_with_mode_0660_and_answers_the_docker_cli()
    {
        await using var d = await BerthDaemon.StartAsync();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite,
            File.GetUnixFileMode(d.Socket));
        var version = await d.DockerOk("version", "--format", "{{.Server.APIVersion}} {{.Server.MinAPIVersion}}");
        Assert.Equal("1.50 1.24", version.Trim());
    }

    [Fact]
    public async Task A_config_file_sets_the_data_root_and_hosts()
    {
        var root = "/tmp/bt-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(root);
        try
        {
            var config = Path.Combine(root, "daemon.json");
            File.WriteAllText(config, $$"""{"data-root": "{{root}}/data", "exec-root": "{{root}}/exec", "hosts": ["unix://{{root}}/api.sock"], "log-level": "warn"}""");
            using var p = Process.Start(new ProcessStartInfo(TestPaths.Daemon, ["--config-file", config]) { RedirectStandardError = true })!;
            try
            {
                for (var i = 0; i < 200 && !File.Exists(Path.Combine(root, "api.sock")); i++) await Task.Delay(50);
                Assert.True(File.Exists(Path.Combine(root, "api.sock")), "berthd did not listen on the configured host");
                Assert.True(File.Exists(Path.Combine(root, "data", "berth.db")), "the store is not in the configured data root");
            }
            finally
            {
                p.Kill();
                await p.WaitForExitAsync();
            }
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [Fact]
    public async Task An_unknown_flag_is_refused_with_exit_125()
    {
        var r = await ProcessRunner.RunAsync(TestPaths.Daemon, ["--no-such-flag"]);
        Assert.Equal(125, r.ExitCode);
        Assert.Contains("unknown flag: --no-such-flag", r.Stderr);
    }

    [Fact]
    public async Task A_directive_given_both_as_flag_and_in_the_file_is_refused_like_dockerd()
    {
        var config = Path.GetTempFileName();
        File.WriteAllText(config, """{"data-root": "/tmp/x"}""");
        try
        {
            var r = await ProcessRunner.RunAsync(TestPaths.Daemon, ["--config-file", config, "--data-root", "/tmp/y"]);
            Assert.Equal(125, r.ExitCode);
            Assert.Contains("specified both as a flag and in the configuration file: data-root", r.Stderr);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task Api_versions_are_accepted_from_1_24_to_1_50_and_refused_outside()
    {
        await using var d = await BerthDaemon.StartAsync();
        async Task<string> Get(string path)
        {
            using var s = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            await s.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(d.Socket));
            await s.SendAsync(System.Text.Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
            var ms = new MemoryStream();
            var buffer = new byte[4096];
            int n;
            while ((n = await s.ReceiveAsync(buffer)) > 0) ms.Write(buffer, 0, n);
            return System.Text.Encoding.UTF8.GetString(ms.ToArray());
        }
        Assert.StartsWith("HTTP/1.1 200", await Get("/v1.24/_ping"));
        Assert.StartsWith("HTTP/1.1 200", await Get("/v1.50/version"));
        Assert.StartsWith("HTTP/1.1 200", await Get("/containers/json"));
        var tooNew = await Get("/v1.51/version");
        Assert.StartsWith("HTTP/1.1 400", tooNew);
        Assert.Contains("client version 1.51 is too new. Maximum supported API version is 1.50", tooNew);
        var notFound = await Get("/v1.50/containers/nope/json");
        Assert.StartsWith("HTTP/1.1 404", notFound);
        Assert.Contains("{\"message\":\"No such container: nope\"}", notFound);
    }
}
