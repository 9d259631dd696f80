using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Containers;

/// <summary>The real `docker cp` against berthd's archive API, including symlinks that try to leave the container.</summary>
public sealed class DockerCpTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    private string Local(string name)
    {
        var dir = Path.Combine(D.Root, "docker-cp");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    [Fact]
    public async Task Docker_cp_copies_a_file_and_a_directory_out_of_a_stopped_container()
    {
        await D.DockerOk("run", "--name", "dcp-out", "busybox", "sh", "-c", "mkdir -p /data/sub && echo one > /data/one && echo two > /data/sub/two");

        await D.DockerOk("cp", "dcp-out:/data/one", Local("one.txt"));
        await D.DockerOk("cp", "dcp-out:/data", Local("data-copy"));

        Assert.Equal("one\n", File.ReadAllText(Local("one.txt")));
        Assert.Equal("two\n", File.ReadAllText(Path.Combine(Local("data-copy"), "sub", "two")));
    }

    [Fact]
    public async Task Docker_cp_of_a_directory_to_a_new_path_creates_it_with_the_contents()
    {
        await D.DockerOk("create", "--name", "dcp-in", "busybox", "sh", "-c", "cat /in/file.txt /in/inner");
        Directory.CreateDirectory(Local("dir"));
        File.WriteAllText(Local("file.txt"), "from host\n");
        File.WriteAllText(Path.Combine(Local("dir"), "inner"), "inner\n");
        await D.DockerOk("run", "--rm", "busybox", "true");

        await D.DockerOk("cp", Local("dir"), "dcp-in:/in");
        await D.DockerOk("cp", Local("file.txt"), "dcp-in:/in/file.txt");

        await D.DockerOk("start", "dcp-in");
        Assert.Equal("0\n", await D.DockerOk("wait", "dcp-in"));
        Assert.Equal("from host\ninner\n", await D.DockerOk("logs", "dcp-in"));
    }

    [Fact]
    public async Task Docker_cp_through_a_symlink_to_etc_passwd_reads_the_containers_file()
    {
        await D.DockerOk("run", "--name", "dcp-link", "busybox", "sh", "-c",
            "echo container-passwd > /etc/passwd; ln -s /etc/passwd /abs; ln -s ../../../../etc/passwd /rel; ln -s ../../../../etc /etcdir");

        await D.DockerOk("cp", "-L", "dcp-link:/abs", Local("abs"));
        await D.DockerOk("cp", "-L", "dcp-link:/rel", Local("rel"));
        await D.DockerOk("cp", "dcp-link:/etcdir/passwd", Local("via-dir"));

        Assert.Equal("container-passwd\n", File.ReadAllText(Local("abs")));
        Assert.Equal("container-passwd\n", File.ReadAllText(Local("rel")));
        Assert.Equal("container-passwd\n", File.ReadAllText(Local("via-dir")));
    }

    [Fact]
    public async Task Docker_cp_into_a_path_through_a_symlink_writes_inside_the_container()
    {
        var hostFile = "/etc/berth-cp-escape-test";
        File.Delete(hostFile);
        await D.DockerOk("run", "--name", "dcp-escape", "busybox", "sh", "-c", "ln -s /etc /hostetc; ln -s ../../../../../../etc /up");
        File.WriteAllText(Local("berth-cp-escape-test"), "payload\n");

        await D.DockerOk("cp", Local("berth-cp-escape-test"), "dcp-escape:/hostetc/");
        await D.DockerOk("cp", Local("berth-cp-escape-test"), "dcp-escape:/up/berth-cp-escape-test");

        Assert.False(File.Exists(hostFile));
        await D.DockerOk("cp", "dcp-escape:/etc/berth-cp-escape-test", Local("back"));
        Assert.Equal("payload\n", File.ReadAllText(Local("back")));
    }

    [Fact]
    public async Task Docker_cp_streams_a_tar_in_from_stdin()
    {
        await D.DockerOk("create", "--name", "dcp-stdin", "busybox", "true");
        var tar = new MemoryStream();
        using (var writer = new System.Formats.Tar.TarWriter(tar, System.Formats.Tar.TarEntryFormat.Pax, leaveOpen: true))
            writer.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "from-stdin.txt")
            {
                DataStream = new MemoryStream("via stdin\n"u8.ToArray()), Mode = (UnixFileMode)0b110_100_100,
            });

        var r = await D.DockerWithInput(tar.ToArray(), "cp", "-", "dcp-stdin:/tmp");

        Assert.Equal(0, r.ExitCode);
        await D.DockerOk("cp", "dcp-stdin:/tmp/from-stdin.txt", Local("from-stdin.txt"));
        Assert.Equal("via stdin\n", File.ReadAllText(Local("from-stdin.txt")));
    }

    [Fact]
    public async Task Docker_cp_of_a_missing_path_says_so()
    {
        await D.DockerOk("create", "--name", "dcp-missing", "busybox", "true");

        var r = await D.Docker("cp", "dcp-missing:/no/such", Local("x"));

        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("Could not find the file /no/such in container dcp-missing", r.Stderr);
    }
}
