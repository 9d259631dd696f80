using System.Formats.Tar;
using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Containers;

/// <summary>`berth cp` both ways with docker cp's rules, tar streams, and symlinks that try to leave the container.</summary>
public sealed class CpTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    private string Local(string name)
    {
        var dir = Path.Combine(D.Root, "berth-cp");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    /// <summary>The CLI through a shell so a binary tar can go to or come from a file.</summary>
    private Task<ProcessResult> Shell(string script) =>
        ProcessRunner.RunAsync("/bin/sh", ["-c", script], new Dictionary<string, string> { ["BERTH_HOST"] = D.Host, ["BERTH"] = TestPaths.Cli });

    private async Task<string> CatInContainer(string container, string path)
    {
        var image = (await D.BerthOk("commit", container)).Trim();
        return await D.BerthOk("run", "--rm", image, "cat", path);
    }

    [Fact]
    public async Task Cp_copies_files_and_directories_out_with_dockers_rules()
    {
        await D.BerthOk("run", "--name", "cp-out", "busybox", "sh", "-c", "mkdir -p /data/sub && echo one > /data/one && echo two > /data/sub/two");
        Directory.CreateDirectory(Local("existing"));
        Directory.CreateDirectory(Local("contents"));

        await D.BerthOk("cp", "cp-out:/data/one", Local("one.txt"));
        await D.BerthOk("cp", "cp-out:/data", Local("new-dir"));
        await D.BerthOk("cp", "cp-out:/data", Local("existing"));
        await D.BerthOk("cp", "cp-out:/data/.", Local("contents"));
        await D.BerthOk("cp", "cp-out:/data/one", Local("existing") + "/");

        Assert.Equal("one\n", File.ReadAllText(Local("one.txt")));
        Assert.Equal("two\n", File.ReadAllText(Path.Combine(Local("new-dir"), "sub", "two")));
        Assert.Equal("two\n", File.ReadAllText(Path.Combine(Local("existing"), "data", "sub", "two")));
        Assert.Equal("one\n", File.ReadAllText(Path.Combine(Local("existing"), "one")));
        Assert.Equal("one\n", File.ReadAllText(Path.Combine(Local("contents"), "one")));
        Assert.False(Directory.Exists(Path.Combine(Local("contents"), "data")));
    }

    [Fact]
    public async Task Cp_copies_files_and_directories_into_a_stopped_container()
    {
        await D.BerthOk("create", "--name", "cp-in", "busybox", "true");
        Directory.CreateDirectory(Path.Combine(Local("tree"), "nested"));
        File.WriteAllText(Path.Combine(Local("tree"), "nested", "leaf"), "leaf\n");
        File.WriteAllText(Local("single"), "single\n");

        await D.BerthOk("cp", Local("tree"), "cp-in:/tree-copy");
        await D.BerthOk("cp", Local("tree"), "cp-in:/tmp");
        await D.BerthOk("cp", Local("single"), "cp-in:/etc/renamed");
        await D.BerthOk("cp", Local("tree") + "/.", "cp-in:/root");

        Assert.Equal("leaf\n", await CatInContainer("cp-in", "/tree-copy/nested/leaf"));
        Assert.Equal("leaf\n", await CatInContainer("cp-in", "/tmp/tree/nested/leaf"));
        Assert.Equal("single\n", await CatInContainer("cp-in", "/etc/renamed"));
        Assert.Equal("leaf\n", await CatInContainer("cp-in", "/root/nested/leaf"));
    }

    [Fact]
    public async Task Cp_into_a_running_container_is_seen_at_once()
    {
        await D.BerthOk("run", "-d", "--name", "cp-running", "busybox", "sh", "-c", "while [ ! -e /tmp/go ]; do sleep 0.1; done; cat /tmp/go");
        File.WriteAllText(Local("go"), "went\n");

        await D.BerthOk("cp", Local("go"), "cp-running:/tmp/go");

        Assert.Equal("0\n", await D.BerthOk("wait", "cp-running"));
        Assert.Equal("went\n", await D.BerthOk("logs", "cp-running"));
    }

    [Fact]
    public async Task Cp_streams_tars_on_stdout_and_stdin()
    {
        await D.BerthOk("run", "--name", "cp-stream", "busybox", "sh", "-c", "mkdir /s && echo streamed > /s/f");
        var tar = Local("stream.tar");

        var r = await Shell($"\"$BERTH\" cp cp-stream:/s - > {tar}");
        Assert.Equal(0, r.ExitCode);
        var names = new List<string>();
        using (var reader = new TarReader(File.OpenRead(tar)))
            while (reader.GetNextEntry() is { } e) names.Add(e.Name);
        Assert.Equal(["s/", "s/f"], names);

        await D.BerthOk("create", "--name", "cp-stream-in", "busybox", "true");
        r = await Shell($"\"$BERTH\" cp - cp-stream-in:/tmp < {tar}");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("streamed\n", await CatInContainer("cp-stream-in", "/tmp/s/f"));
    }

    [Fact]
    public async Task Cp_follows_container_symlinks_inside_the_container_only()
    {
        var hostFile = "/etc/berth-cp-escape-berth";
        File.Delete(hostFile);
        var hostPasswd = File.ReadAllText("/etc/passwd");
        await D.BerthOk("run", "--name", "cp-links", "busybox", "sh", "-c",
            "echo container-passwd > /etc/passwd; ln -s /etc/passwd /abs; ln -s ../../../../etc/passwd /rel; ln -s /etc /hostetc; ln -s ../../../../../etc /up");
        File.WriteAllText(Local("payload"), "payload\n");

        await D.BerthOk("cp", "-L", "cp-links:/abs", Local("abs"));
        await D.BerthOk("cp", "-L", "cp-links:/rel", Local("rel"));
        await D.BerthOk("cp", "cp-links:/up/passwd", Local("up"));
        await D.BerthOk("cp", "cp-links:/abs", Local("link-itself"));
        await D.BerthOk("cp", Local("payload"), "cp-links:/hostetc/berth-cp-escape-berth");
        await D.BerthOk("cp", Local("payload"), "cp-links:/up/");

        Assert.Equal("container-passwd\n", File.ReadAllText(Local("abs")));
        Assert.Equal("container-passwd\n", File.ReadAllText(Local("rel")));
        Assert.Equal("container-passwd\n", File.ReadAllText(Local("up")));
        Assert.Equal("/etc/passwd", new FileInfo(Local("link-itself")).LinkTarget);
        Assert.False(File.Exists(hostFile));
        Assert.False(File.Exists("/etc/payload"));
        Assert.Equal(hostPasswd, File.ReadAllText("/etc/passwd"));
        Assert.Equal("payload\n", await CatInContainer("cp-links", "/etc/berth-cp-escape-berth"));
        Assert.Equal("payload\n", await CatInContainer("cp-links", "/etc/payload"));
    }

    [Fact]
    public async Task Cp_never_swaps_a_directory_for_a_file_and_keeps_whiteout_names_as_files()
    {
        await D.BerthOk("run", "--name", "cp-swap", "busybox", "sh", "-c", "mkdir -p /d/x/inner");
        Directory.CreateDirectory(Local("d"));
        File.WriteAllText(Path.Combine(Local("d"), "x"), "file\n");
        File.WriteAllText(Local(".wh.kept"), "not a whiteout\n");

        var r = await D.Berth("cp", Local("d"), "cp-swap:/");
        var viaDocker = await D.Docker("cp", Local("d"), "cp-swap:/");
        await D.BerthOk("cp", Local(".wh.kept"), "cp-swap:/tmp/");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("cannot overwrite directory", r.Stderr);
        Assert.Contains("cannot overwrite directory", viaDocker.Stderr);
        await D.BerthOk("cp", "cp-swap:/tmp/.wh.kept", Local("kept-back"));
        Assert.Equal("not a whiteout\n", File.ReadAllText(Local("kept-back")));
        Assert.Equal("yes\n", await D.BerthOk("run", "--rm", (await D.BerthOk("commit", "cp-swap")).Trim(), "sh", "-c", "test -d /d/x/inner && echo yes"));
    }

    [Fact]
    public async Task Cp_into_a_container_owns_files_by_root_unless_archive_mode()
    {
        await D.BerthOk("create", "--name", "cp-owner", "busybox", "true");
        File.WriteAllText(Local("owned"), "owned\n");
        Berth.Tests.Snapshots.TreeBuilder.Chown(Local("owned"), 1234, 4321);

        await D.BerthOk("cp", Local("owned"), "cp-owner:/tmp/plain");
        await D.BerthOk("cp", "-a", Local("owned"), "cp-owner:/tmp/archived");

        var image = (await D.BerthOk("commit", "cp-owner")).Trim();
        Assert.Equal("0:0 1234:4321\n", await D.BerthOk("run", "--rm", image, "sh", "-c", "echo $(stat -c %u:%g /tmp/plain) $(stat -c %u:%g /tmp/archived)"));
    }

    [Fact]
    public async Task Cp_errors_follow_docker()
    {
        await D.BerthOk("create", "--name", "cp-errors", "busybox", "true");

        var missing = await D.Berth("cp", "cp-errors:/no/such", Local("x"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("Could not find the file /no/such in container cp-errors", missing.Stderr);

        var both = await D.Berth("cp", "a:/x", "b:/y");
        Assert.Contains("copying between containers is not supported", both.Stderr);

        var neither = await D.Berth("cp", Local("a"), Local("b"));
        Assert.Contains("must specify at least one container source", neither.Stderr);
    }
}
