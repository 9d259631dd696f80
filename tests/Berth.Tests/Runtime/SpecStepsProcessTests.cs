using Berth.Engine.Errors;
using Berth.Engine.Runtime.Spec;
using Xunit;

namespace Berth.Tests.Runtime;

public class SpecStepsProcessTests
{
    private static OciSpec Apply(params SpecStep[] steps) => SpecSteps.Build(steps);

    [Fact]
    public void Compose_applies_steps_in_order()
    {
        var spec = Apply(SpecSteps.Compose(SpecSteps.WithHostname("a"), SpecSteps.WithHostname("b")), SpecSteps.WithCwd("/w"));
        Assert.Equal("b", spec.Hostname);
        Assert.Equal("/w", spec.Process!.Cwd);
    }

    [Fact]
    public void Rootfs_and_readonly_rootfs()
    {
        var spec = Apply(SpecSteps.WithRootfs("/var/lib/x/rootfs", readOnly: false), SpecSteps.WithReadonlyRootfs());
        Assert.Equal("/var/lib/x/rootfs", spec.Root!.Path);
        Assert.True(spec.Root.Readonly);
        Assert.True(Apply(SpecSteps.WithRootfs("r", readOnly: true)).Root!.Readonly);
    }

    [Fact]
    public void Args_are_copied_and_must_not_be_empty()
    {
        var args = new List<string> { "sh", "-c", "true" };
        var spec = Apply(SpecSteps.WithArgs(args));
        args.Add("changed");
        Assert.Equal(["sh", "-c", "true"], spec.Process!.Args);
        Assert.Throws<BerthException>(() => SpecSteps.WithArgs([]));
    }

    [Fact]
    public void Env_merges_with_docker_semantics()
    {
        var spec = Apply(
            SpecSteps.WithEnv(["PATH=/custom", "A=1", "B=2", "C=3"]),
            SpecSteps.WithEnv(["B=two", "C", "D=4"]));
        Assert.Equal(["PATH=/custom", "A=1", "B=two", "D=4"], spec.Process!.Env);
    }

    [Fact]
    public void Env_restores_default_path_when_missing()
    {
        var spec = Apply(SpecSteps.WithEnv(["PATH"]), SpecSteps.WithEnv(["X=1"]));
        Assert.Equal([DefaultSpec.DefaultPath, "X=1"], spec.Process!.Env);
        var fresh = new OciSpec();
        SpecSteps.WithEnv(["FOO=bar=baz"])(fresh);
        Assert.Equal([DefaultSpec.DefaultPath, "FOO=bar=baz"], fresh.Process!.Env);
    }

    [Fact]
    public void Cwd_must_be_absolute()
    {
        Assert.Equal("/app", Apply(SpecSteps.WithCwd("/app")).Process!.Cwd);
        Assert.Throws<BerthException>(() => SpecSteps.WithCwd("app"));
    }

    [Fact]
    public void User_sets_ids_and_deduplicated_groups()
    {
        var user = Apply(SpecSteps.WithUser(1000, 100, [10, 20, 10])).Process!.User;
        Assert.Equal((1000u, 100u), (user.Uid, user.Gid));
        Assert.Equal([10u, 20u], user.AdditionalGids);
        Assert.Null(Apply(SpecSteps.WithUser(1, 1, [])).Process!.User.AdditionalGids);
    }

    [Fact]
    public void Hostname_domainname_terminal()
    {
        var spec = Apply(SpecSteps.WithHostname("web"), SpecSteps.WithDomainname("example.org"), SpecSteps.WithTerminal(true));
        Assert.Equal(("web", "example.org"), (spec.Hostname, spec.Domainname));
        Assert.True(spec.Process!.Terminal);
    }

    [Fact]
    public void Oom_score_adj_is_range_checked()
    {
        Assert.Equal(500, Apply(SpecSteps.WithOomScoreAdj(500)).Process!.OomScoreAdj);
        Assert.Throws<BerthException>(() => SpecSteps.WithOomScoreAdj(1001));
    }

    [Fact]
    public void No_new_privileges()
    {
        Assert.True(Apply(SpecSteps.WithNoNewPrivileges()).Process!.NoNewPrivileges);
        Assert.False(Apply(SpecSteps.WithNoNewPrivileges(), SpecSteps.WithNoNewPrivileges(false)).Process!.NoNewPrivileges);
    }

    [Fact]
    public void Rlimits_accept_docker_names_and_replace_by_type()
    {
        var spec = Apply(
            SpecSteps.WithRlimits([new OciRlimit { Type = "nofile", Soft = 1024, Hard = 2048 }, new OciRlimit { Type = "RLIMIT_NPROC", Soft = 10, Hard = 10 }]),
            SpecSteps.WithRlimits([new OciRlimit { Type = "NoFile", Soft = 1, Hard = 1 }]));
        var limits = spec.Process!.Rlimits!;
        Assert.Equal(2, limits.Count);
        var nofile = Assert.Single(limits, l => l.Type == "RLIMIT_NOFILE");
        Assert.Equal((1ul, 1ul), (nofile.Soft, nofile.Hard));
        Assert.Throws<BerthException>(() => SpecSteps.WithRlimits([new OciRlimit { Type = "bogus" }]));
        Assert.Throws<BerthException>(() => SpecSteps.WithRlimits([new OciRlimit { Type = "nofile", Soft = 2, Hard = 1 }]));
    }

    [Fact]
    public void Annotations_and_sysctls_merge()
    {
        var spec = Apply(
            SpecSteps.WithAnnotations(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }),
            SpecSteps.WithAnnotations(new Dictionary<string, string> { ["b"] = "3" }),
            SpecSteps.WithSysctls(new Dictionary<string, string> { ["net.ipv4.ip_forward"] = "1" }));
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "3" }, spec.Annotations);
        Assert.Equal("1", spec.Linux!.Sysctl!["net.ipv4.ip_forward"]);
    }

    [Fact]
    public void Cgroups_path()
    {
        Assert.Equal("/berth/abc", Apply(SpecSteps.WithCgroupsPath("/berth/abc")).Linux!.CgroupsPath);
    }
}
