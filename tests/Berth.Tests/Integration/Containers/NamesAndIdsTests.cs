using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Containers;

/// <summary>How containers are named and found: --name, rename, unique ID prefixes, and Docker's errors when that fails.</summary>
public sealed class NamesAndIdsTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private BerthDaemon D => fixture.Daemon;

    [Fact]
    public async Task A_name_in_use_is_a_conflict_and_run_exits_125()
    {
        var first = (await D.BerthOk("create", "--name", "ni-taken", "busybox", "true")).Trim();
        var conflict = $"Conflict. The container name \"/ni-taken\" is already in use by container \"{first}\". "
            + "You have to remove (or rename) that container to be able to reuse that name.";

        var create = await D.Berth("create", "--name", "ni-taken", "busybox", "true");
        Assert.Equal(1, create.ExitCode);
        Assert.Equal($"Error response from daemon: {conflict}\n", create.Stderr);

        var run = await D.Berth("run", "--name", "ni-taken", "busybox", "true");
        Assert.Equal(125, run.ExitCode);
        Assert.StartsWith($"berth: Error response from daemon: {conflict}\n", run.Stderr);
        Assert.Equal(first + "\n", await D.BerthOk("ps", "-aq", "--no-trunc", "--filter", "name=^/ni-taken$"));
    }

    [Fact]
    public async Task A_container_without_a_name_gets_a_generated_one()
    {
        var id = (await D.BerthOk("create", "busybox", "true")).Trim();

        Assert.Matches("^/[a-z]+_[a-z]+[0-9]*$", await D.InspectField(id, "{{.Name}}"));
    }

    [Fact]
    public async Task Rename_makes_the_new_name_resolve_and_the_old_one_not()
    {
        var id = (await D.BerthOk("create", "--name", "ni-before", "busybox", "true")).Trim();

        var r = await D.Berth("rename", "ni-before", "ni-after");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Equal(id, await D.InspectField("ni-after", "{{.Id}}"));
        Assert.Equal("/ni-after", await D.InspectField(id, "{{.Name}}"));
        var old = await D.Berth("start", "ni-before");
        Assert.Equal(1, old.ExitCode);
        Assert.Contains("No such container: ni-before", old.Stderr);
    }

    [Fact]
    public async Task Rename_to_a_name_in_use_fails_and_keeps_both_names()
    {
        var keeper = (await D.BerthOk("create", "--name", "ni-keeper", "busybox", "true")).Trim();
        await D.BerthOk("create", "--name", "ni-mover", "busybox", "true");

        var r = await D.Berth("rename", "ni-mover", "ni-keeper");

        Assert.Equal(1, r.ExitCode);
        Assert.Equal("Error response from daemon: Error when allocating new name: Conflict. The container name \"/ni-keeper\" is already in use by container \""
            + keeper + "\". You have to remove (or rename) that container to be able to reuse that name.\n"
            + "Error: failed to rename container named ni-mover\n", r.Stderr);
        Assert.Equal("/ni-mover", await D.InspectField("ni-mover", "{{.Name}}"));
        Assert.Equal(keeper, await D.InspectField("ni-keeper", "{{.Id}}"));
    }

    [Fact]
    public async Task Rename_to_an_invalid_name_is_refused()
    {
        await D.BerthOk("create", "--name", "ni-valid", "busybox", "true");

        var r = await D.Berth("rename", "ni-valid", "not valid!");

        Assert.Equal(1, r.ExitCode);
        Assert.Equal("Error response from daemon: Error when allocating new name: Invalid container name (/not valid!), "
            + "only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\nError: failed to rename container named ni-valid\n", r.Stderr);
    }

    [Fact]
    public async Task Every_command_accepts_a_unique_id_prefix()
    {
        var id = (await D.BerthOk("create", "--name", "ni-prefix", "busybox", "sh", "-c", "echo by-prefix; sleep 60")).Trim();
        var prefix = id[..12];

        Assert.Equal(prefix + "\n", await D.BerthOk("start", prefix));
        Assert.Equal(id, await D.InspectField(prefix, "{{.Id}}"));
        await D.WaitForOutputAsync(prefix, "by-prefix");
        Assert.Equal(prefix + "\n", await D.BerthOk("kill", prefix));
        Assert.Equal("137\n", await D.BerthOk("wait", prefix));
        Assert.Equal(prefix + "\n", await D.BerthOk("stop", prefix));
        await D.BerthOk("rename", prefix, "ni-prefix-renamed");
        Assert.Equal(prefix + "\n", await D.BerthOk("rm", prefix));
        Assert.Equal("", await D.BerthOk("ps", "-aq", "--filter", "id=" + id));
    }

    [Fact]
    public async Task Every_command_accepts_the_full_id_and_a_name_with_a_leading_slash()
    {
        var id = (await D.BerthOk("create", "--name", "ni-full", "busybox", "sh", "-c", "exit 9")).Trim();

        await D.BerthOk("start", id);
        Assert.Equal("9\n", await D.BerthOk("wait", "/ni-full"));
        Assert.Equal("9", await D.InspectField("/ni-full", "{{.State.ExitCode}}"));
        Assert.Equal(id + "\n", await D.BerthOk("rm", id));
    }

    [Theory]
    [InlineData("start")]
    [InlineData("stop")]
    [InlineData("kill")]
    [InlineData("wait")]
    [InlineData("rm")]
    [InlineData("logs")]
    [InlineData("restart")]
    public async Task An_unknown_container_is_reported_as_no_such_container(string command)
    {
        var r = await D.Berth(command, "ni-nope");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Error response from daemon: No such container: ni-nope", r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public async Task Inspect_and_rename_of_an_unknown_container_say_so_as_docker_does()
    {
        var inspect = await D.Berth("inspect", "ni-nope");
        Assert.Equal(1, inspect.ExitCode);
        Assert.Equal("[]\n", inspect.Stdout);
        Assert.Equal("Error: No such object: ni-nope\n", inspect.Stderr);

        var rename = await D.Berth("rename", "ni-nope", "ni-other");
        Assert.Equal(1, rename.ExitCode);
        Assert.Equal("Error response from daemon: No such container: ni-nope\nError: failed to rename container named ni-nope\n", rename.Stderr);
    }

    [Fact]
    public async Task An_ambiguous_id_prefix_is_refused_with_dockers_message()
    {
        // Create containers until two IDs share a first digit (at most 17 are needed).
        var ids = new List<string>();
        string? shared = null;
        while (shared is null)
        {
            ids.Add((await D.BerthOk("create", "busybox", "true")).Trim());
            shared = (await D.BerthOk("ps", "-aq", "--no-trunc")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .GroupBy(i => i[..1]).FirstOrDefault(g => g.Count() > 1)?.Key;
        }

        foreach (var command in new[] { "start", "rm", "logs", "wait" })
        {
            var r = await D.Berth(command, shared);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains($"Error response from daemon: Multiple IDs found with provided prefix: {shared}", r.Stderr);
        }
        await D.BerthOk(["rm", .. ids]);
    }
}
