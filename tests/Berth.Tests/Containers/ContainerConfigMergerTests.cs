using Berth.Engine.Containers;
using Berth.Protocol.Containers;
using Xunit;

namespace Berth.Tests.Containers;

public sealed class ContainerConfigMergerTests
{
    private static ContainerConfig Image() => new()
    {
        Cmd = ["sh"], Entrypoint = null, Env = ["PATH=/bin", "A=image"], WorkingDir = "/img", User = "nobody",
        Labels = new() { ["from"] = "image", ["both"] = "image" },
    };

    [Fact]
    public void Unset_fields_come_from_the_image_and_the_container_wins_where_both_set()
    {
        var c = new ContainerConfig { Env = ["A=container", "B=1"], Labels = new() { ["both"] = "container" } };
        ContainerConfigMerger.Merge(c, Image());
        Assert.Equal(["sh"], c.Cmd);
        Assert.Equal(["PATH=/bin", "A=container", "B=1"], c.Env);
        Assert.Equal("/img", c.WorkingDir);
        Assert.Equal("nobody", c.User);
        Assert.Equal("container", c.Labels!["both"]);
        Assert.Equal("image", c.Labels["from"]);
    }

    [Fact]
    public void An_entrypoint_given_at_create_drops_the_image_cmd()
    {
        var c = new ContainerConfig { Entrypoint = ["/bin/echo"] };
        ContainerConfigMerger.Merge(c, Image());
        Assert.Equal(["/bin/echo"], c.Entrypoint);
        Assert.Null(c.Cmd);
    }
}
