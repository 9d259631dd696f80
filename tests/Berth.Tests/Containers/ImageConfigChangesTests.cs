using Berth.Engine.Errors;
using Berth.Engine.Images;
using Berth.Protocol.Containers;
using Xunit;

namespace Berth.Tests.Containers;

public sealed class ImageConfigChangesTests
{
    private static ContainerConfig Apply(params string[] changes)
    {
        var config = new ContainerConfig();
        ImageConfigChanges.Apply(config, changes);
        return config;
    }

    [Fact]
    public void Json_form_commands_are_kept_as_given_and_shell_form_runs_through_sh()
    {
        Assert.Equal(["sh"], Apply("CMD [\"sh\"]").Cmd);
        Assert.Equal(["/bin/sh", "-c", "echo hi"], Apply("CMD echo hi").Cmd);
        Assert.Equal(["/entry", "x"], Apply("ENTRYPOINT [\"/entry\", \"x\"]").Entrypoint);
    }

    [Fact]
    public void Env_takes_pairs_or_the_legacy_single_form_and_later_values_win()
    {
        var c = Apply("ENV A=1 B=\"two words\"", "ENV C three four", "ENV A=9");
        Assert.Equal(["A=9", "B=two words", "C=three four"], c.Env);
    }

    [Fact]
    public void Workdir_expose_label_user_volume_and_stopsignal_are_set()
    {
        var c = Apply("WORKDIR /app", "WORKDIR sub", "EXPOSE 80 53/udp", "LABEL a=b", "USER nobody", "VOLUME [\"/data\"]", "STOPSIGNAL SIGINT");
        Assert.Equal("/app/sub", c.WorkingDir);
        Assert.Equal(["53/udp", "80/tcp"], c.ExposedPorts!.Keys.Order());
        Assert.Equal("b", c.Labels!["a"]);
        Assert.Equal("nobody", c.User);
        Assert.Contains("/data", c.Volumes!.Keys);
        Assert.Equal("SIGINT", c.StopSignal);
    }

    [Fact]
    public void An_unknown_instruction_is_a_clear_error()
    {
        var e = Assert.Throws<BerthException>(() => Apply("RUN rm -rf /"));
        Assert.Equal("run is not a valid change command", e.Message);
    }
}
