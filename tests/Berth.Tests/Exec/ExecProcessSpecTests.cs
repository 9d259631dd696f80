using Berth.Engine.Containers;
using Berth.Engine.Errors;
using Berth.Engine.Exec;
using Berth.Engine.Runtime.Spec;
using Berth.Engine.Users;
using Berth.Protocol.Containers;
using Berth.Protocol.Exec;
using Xunit;

namespace Berth.Tests.Exec;

public class ExecProcessSpecTests
{
    private static readonly ExecUser Nobody = new(65534, 65534, [], "/home");

    private static Container ContainerWith(params string[] env) => new()
    {
        Id = new string('a', 64), Name = "c", Path = "sleep", Args = ["300"], Created = DateTimeOffset.UnixEpoch, ImageId = "sha256:x",
        HostConfig = new HostConfig(),
        Config = new ContainerConfig { Hostname = "abc", Env = [.. env], WorkingDir = "/srv" },
    };

    private static OciProcess ContainerProcess() => new()
    {
        Args = ["sleep", "300"], Env = ["PATH=/bin", "HOME=/root"], Cwd = "/srv", NoNewPrivileges = true,
        Capabilities = new OciCapabilities { Bounding = ["CAP_CHOWN"], Effective = ["CAP_CHOWN"], Permitted = ["CAP_CHOWN"] },
    };

    [Fact]
    public void Keeps_the_container_process_and_takes_the_exec_command_env_user_and_cwd()
    {
        var exec = new ExecCreateRequest { Cmd = ["sh", "-c", "env"], Env = ["FOO=bar", "A=exec"], User = "nobody", WorkingDir = "/tmp" };
        var p = ExecProcessSpec.Build(ContainerProcess(), ContainerWith("PATH=/usr/bin:/bin", "A=container"), exec, Nobody, null);
        Assert.Equal(["sh", "-c", "env"], p.Args);
        Assert.Equal(["HOSTNAME=abc", "PATH=/usr/bin:/bin", "A=exec", "FOO=bar", "HOME=/home"], p.Env);
        Assert.Equal("/tmp", p.Cwd);
        Assert.Equal(65534u, p.User.Uid);
        Assert.True(p.NoNewPrivileges);
        Assert.Equal(["CAP_CHOWN"], p.Capabilities!.Bounding);
        Assert.False(p.Terminal);
        Assert.Null(p.ConsoleSize);
    }

    [Fact]
    public void Tty_adds_term_and_the_console_size()
    {
        var exec = new ExecCreateRequest { Cmd = ["sh"], Tty = true };
        var p = ExecProcessSpec.Build(ContainerProcess(), ContainerWith(), exec, Nobody, (30, 100));
        Assert.True(p.Terminal);
        Assert.Contains("TERM=xterm", p.Env!);
        Assert.Equal("/srv", p.Cwd);
        Assert.Equal(30u, p.ConsoleSize!.Height);
        Assert.Equal(100u, p.ConsoleSize.Width);
    }

    [Fact]
    public void Privileged_gets_every_capability_the_host_has()
    {
        var exec = new ExecCreateRequest { Cmd = ["sh"], Privileged = true };
        var p = ExecProcessSpec.Build(ContainerProcess(), ContainerWith(), exec, Nobody, null);
        Assert.Equal(LinuxCapabilities.Host(), p.Capabilities!.Effective);
    }

    [Fact]
    public void An_empty_command_is_refused()
    {
        var e = Assert.Throws<BerthException>(() => ExecProcessSpec.Build(ContainerProcess(), ContainerWith(), new ExecCreateRequest(), Nobody, null));
        Assert.Equal("No exec command specified", e.Message);
    }
}
