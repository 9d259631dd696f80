using Berth.Engine.Errors;
using Berth.Engine.Runtime.Spec;
using Xunit;

namespace Berth.Tests.Runtime;

public class SpecStepsNamespaceTests
{
    private static List<OciNamespace> Namespaces(params SpecStep[] steps) => SpecSteps.Build(steps).Linux!.Namespaces;

    [Fact]
    public void Host_network_removes_the_namespace()
    {
        Assert.DoesNotContain(Namespaces(SpecSteps.WithNetworkNamespace("host")), n => n.Type == "network");
    }

    [Theory]
    [InlineData("none")]
    [InlineData("private")]
    [InlineData("bridge")]
    public void Private_modes_get_a_new_namespace(string mode)
    {
        var ns = Assert.Single(Namespaces(SpecSteps.WithNetworkNamespace("host"), SpecSteps.WithNetworkNamespace(mode)), n => n.Type == "network");
        Assert.Null(ns.Path);
    }

    [Fact]
    public void Path_mode_joins_the_namespace()
    {
        var ns = Assert.Single(Namespaces(SpecSteps.WithNetworkNamespace("path", "/run/netns/x")), n => n.Type == "network");
        Assert.Equal("/run/netns/x", ns.Path);
        Assert.Throws<BerthException>(() => SpecSteps.WithNetworkNamespace("path"));
        Assert.Throws<BerthException>(() => SpecSteps.WithNetworkNamespace("weird"));
    }

    [Fact]
    public void Host_namespaces_remove_each_type()
    {
        var types = Namespaces(SpecSteps.WithHostNamespaces("ipc", "pid", "uts")).Select(n => n.Type).ToList();
        Assert.DoesNotContain("ipc", types);
        Assert.DoesNotContain("pid", types);
        Assert.DoesNotContain("uts", types);
        Assert.Contains("mount", types);
        Assert.Throws<BerthException>(() => SpecSteps.WithHostNamespaces("bogus"));
    }

    [Fact]
    public void Host_uts_clears_the_hostname()
    {
        var spec = SpecSteps.Build(SpecSteps.WithHostname("x"), SpecSteps.WithDomainname("y"), SpecSteps.WithHostNamespaces("uts"));
        Assert.Null(spec.Hostname);
        Assert.Null(spec.Domainname);
    }

    [Fact]
    public void Host_ipc_binds_the_hosts_shm_and_mqueue()
    {
        var spec = SpecSteps.Build(SpecSteps.WithHostNamespaces("ipc"));
        var shm = Assert.Single(spec.Mounts!, m => m.Destination == "/dev/shm");
        Assert.Equal(("bind", "/dev/shm"), (shm.Type, shm.Source));
        var mq = Assert.Single(spec.Mounts!, m => m.Destination == "/dev/mqueue");
        Assert.Equal(("bind", "/dev/mqueue"), (mq.Type, mq.Source));
    }

    [Fact]
    public void Join_namespace_sets_the_path()
    {
        var ns = Assert.Single(Namespaces(SpecSteps.WithJoinNamespace("pid", "/proc/42/ns/pid")), n => n.Type == "pid");
        Assert.Equal("/proc/42/ns/pid", ns.Path);
        var net = Assert.Single(Namespaces(SpecSteps.WithJoinNamespace("net", "/proc/42/ns/net")), n => n.Type == "network");
        Assert.Equal("/proc/42/ns/net", net.Path);
    }
}
