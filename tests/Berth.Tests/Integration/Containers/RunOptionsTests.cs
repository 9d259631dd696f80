using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Containers;

/// <summary>`run` options as the process inside the container sees them.</summary>
public sealed class RunOptionsTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Env_from_flags_and_an_env_file_joins_the_image_env()
    {
        var import = await D.BerthWithInput(TestImages.BusyboxTar, "import", "-c", "ENV GREETING=hello FROM_IMAGE=1", "-c", "CMD [\"sh\"]", "-", "ro-envimage");
        Assert.True(import.ExitCode == 0, import.ToString());
        var envFile = Path.Combine(D.Root, "ro.env");
        await File.WriteAllTextAsync(envFile, "# a comment\nFROM_FILE=two words\n\nSHARED=file\n");

        var env = Lines(await D.RunAndRemove("-e", "FROM_FLAG=x", "--env-file", envFile, "-e", "SHARED=flag", "-e", "GREETING=bye",
            "ro-envimage", "env"));

        Assert.Contains("FROM_IMAGE=1", env);
        Assert.Contains("GREETING=bye", env);
        Assert.Contains("FROM_FLAG=x", env);
        Assert.Contains("FROM_FILE=two words", env);
        Assert.Contains("SHARED=flag", env);
        Assert.DoesNotContain(env, e => e.StartsWith("# a comment", StringComparison.Ordinal));
        Assert.Contains("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", env);
        Assert.Contains("HOME=/root", env);
    }

    [Fact]
    public async Task Env_has_the_hostname_and_with_a_tty_a_term()
    {
        var env = Lines(await D.RunAndRemove("-h", "envhost", "busybox", "env"));
        Assert.Contains("HOSTNAME=envhost", env);
        Assert.DoesNotContain(env, e => e.StartsWith("TERM=", StringComparison.Ordinal));

        var withTty = await D.RunAndRemove("-t", "busybox", "env");
        Assert.Contains("TERM=xterm", withTty);
    }

    [Fact]
    public async Task Workdir_is_the_cwd_and_is_created_when_missing()
    {
        Assert.Equal("/new/work/dir\n", await D.RunAndRemove("-w", "/new/work/dir", "busybox", "pwd"));
        Assert.Equal("/etc\n", await D.RunAndRemove("-w", "/etc", "busybox", "pwd"));
    }

    [Fact]
    public async Task User_by_name_comes_from_the_images_passwd()
    {
        // Group names depend on the image's /etc/group (setup.sh's busybox calls 65534 "nogroup"); the numbers do not.
        Assert.Equal("65534 65534 65534\n", await D.RunAndRemove("-u", "nobody", "busybox", "sh", "-c", "echo $(id -u) $(id -g) $(id -G)"));
        Assert.Equal("/home\n", await D.RunAndRemove("-u", "nobody", "busybox", "sh", "-c", "echo $HOME"));
    }

    [Fact]
    public async Task User_by_number_needs_no_passwd_entry()
    {
        Assert.Equal("uid=1234 gid=5678 groups=5678\n", await D.RunAndRemove("-u", "1234:5678", "busybox", "id"));
        Assert.Equal("uid=1234 gid=0(root) groups=0(root)\n", await D.RunAndRemove("-u", "1234", "busybox", "id"));
    }

    [Fact]
    public async Task Root_is_the_default_user()
    {
        // Supplementary groups come from the image's /etc/group (Docker's busybox also adds 10(wheel)).
        Assert.StartsWith("uid=0(root) gid=0(root) groups=0(root)", await D.RunAndRemove("busybox", "id"));
    }

    [Fact]
    public async Task An_unknown_user_fails_the_run_with_125()
    {
        var r = await D.Berth("run", "--rm", "-u", "nosuchuser", "busybox", "id");

        Assert.Equal(125, r.ExitCode);
        Assert.Contains("unable to find user nosuchuser: no matching entries in passwd file", r.Stderr);
    }

    [Fact]
    public async Task Entrypoint_replaces_the_command_and_takes_the_arguments()
    {
        Assert.Equal("hi there\n", await D.RunAndRemove("--entrypoint", "echo", "busybox", "hi", "there"));
    }

    [Fact]
    public async Task An_empty_entrypoint_clears_it_and_the_arguments_are_the_command()
    {
        Assert.Equal("cleared\n", await D.RunAndRemove("--entrypoint", "", "busybox", "echo", "cleared"));

        await D.BerthOk("create", "--name", "ro-empty-ep", "--entrypoint", "", "busybox", "echo", "x");
        Assert.Equal("null [\"echo\",\"x\"] echo [x]", await D.InspectField("ro-empty-ep", "{{json .Config.Entrypoint}} {{json .Config.Cmd}} {{.Path}} {{.Args}}"));
    }

    [Fact]
    public async Task Hostname_flag_sets_the_hostname()
    {
        Assert.Equal("myhost\nmyhost\n", await D.RunAndRemove("-h", "myhost", "busybox", "sh", "-c", "hostname; cat /etc/hostname"));
    }

    [Fact]
    public async Task Labels_show_in_inspect_and_select_in_ps()
    {
        await D.BerthOk("run", "-d", "--name", "ro-labelled", "-l", "app=web", "--label", "tier=front", "busybox", "sleep", "60");

        Assert.Equal("map[app:web tier:front]", await D.InspectField("ro-labelled", "{{.Config.Labels}}"));
        Assert.Equal("ro-labelled\n", await D.BerthOk("ps", "--filter", "label=app=web", "--format", "{{.Names}}"));
        Assert.Equal("", await D.BerthOk("ps", "--filter", "label=app=db", "--format", "{{.Names}}"));
        await D.BerthOk("rm", "-f", "ro-labelled");
    }

    [Fact]
    public async Task Network_none_leaves_only_loopback()
    {
        var output = await D.RunAndRemove("--network", "none", "busybox", "sh", "-c", "ip -o link | cut -d: -f2; echo ---; cat /proc/net/dev");
        var parts = output.Split("---\n");

        Assert.Equal(["lo"], Lines(parts[0]).Select(l => l.Trim()));
        Assert.Equal(["lo"], NetDevInterfaces(parts[1]));
    }

    [Fact]
    public async Task Network_host_sees_the_hosts_interfaces()
    {
        var before = NetDevInterfaces(await File.ReadAllTextAsync("/proc/net/dev"));
        var inside = NetDevInterfaces(await D.RunAndRemove("--network", "host", "busybox", "cat", "/proc/net/dev"));
        var after = NetDevInterfaces(await File.ReadAllTextAsync("/proc/net/dev"));

        // Other software on the host may add or drop an interface meanwhile (other test daemons make
        // and drop bridges and veths all the time): the lasting ones must all be there.
        static bool Lasting(string i) => !i.StartsWith("veth", StringComparison.Ordinal) && !i.StartsWith("berth", StringComparison.Ordinal);
        Assert.Superset(before.Intersect(after).Where(Lasting).ToHashSet(), inside.Where(Lasting).ToHashSet());
        Assert.Subset(before.Union(after).Where(Lasting).ToHashSet(), inside.Where(Lasting).ToHashSet());
        Assert.Contains(inside, i => i != "lo");
        Assert.Equal("host", await D.InspectField(
            (await D.BerthOk("create", "--network", "host", "busybox", "true")).Trim(), "{{.HostConfig.NetworkMode}}"));
    }

    [Fact]
    public async Task Flags_after_the_image_belong_to_the_command()
    {
        Assert.Equal("a b\n-x\n", await D.RunAndRemove("busybox", "sh", "-c", "echo \"$1 $2\"; echo \"$3\"", "sh", "a", "b", "-x"));
        Assert.Equal("/etc\n", await D.RunAndRemove("busybox", "ls", "-d", "/etc"));
    }

    /// <summary>The interface names of a /proc/net/dev listing, sorted.</summary>
    private static List<string> NetDevInterfaces(string procNetDev) =>
        Lines(procNetDev).Skip(2).Select(l => l.Split(':')[0].Trim()).Order(StringComparer.Ordinal).ToList();
}
