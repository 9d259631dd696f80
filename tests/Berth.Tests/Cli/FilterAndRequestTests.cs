using Berth.Cli.Client;
using Berth.Cli.Commands;
using Berth.Cli.Options;
using Berth.Cli.Parsing;
using Xunit;

namespace Berth.Tests.Cli;

public class FilterAndRequestTests
{
    [Fact]
    public void FiltersEncodeAsDockerJsonWithSortedKeys()
    {
        var filters = FilterArgs.Parse(["status=exited", "Status = created ", "label=com.x=y", "status=exited"]);
        Assert.Equal("{\"label\":{\"com.x=y\":true},\"status\":{\"created\":true,\"exited\":true}}", filters.ToJson());
    }

    [Fact]
    public void FilterWithoutEqualsIsRejected() =>
        Assert.Throws<FormatException>(() => FilterArgs.Parse(["foo"]));

    [Fact]
    public void PsQueryFromCommandLine()
    {
        var h = new CliHarness();
        var result = h.Parse("ps", "-a", "-f", "status=exited", "--filter", "name=web", "-s");
        var ps = Assert.IsType<PsCommand>(result.CommandResult.Command);
        var request = PsCommand.BuildRequest(ps.ReadRequest(result));
        Assert.Equal("GET", request.Method);
        Assert.Equal("/containers/json", request.Path);
        Assert.Equal("1", request.QueryValue("all"));
        Assert.Equal("1", request.QueryValue("size"));
        Assert.Null(request.QueryValue("limit"));
        Assert.Equal("{\"name\":{\"web\":true},\"status\":{\"exited\":true}}", request.QueryValue("filters"));
        Assert.Equal("all=1&size=1&filters=%7B%22name%22%3A%7B%22web%22%3Atrue%7D%2C%22status%22%3A%7B%22exited%22%3Atrue%7D%7D",
            request.QueryString);
    }

    [Theory]
    [InlineData(new[] { "ps", "-l" }, "1")]
    [InlineData(new[] { "ps", "-n", "3" }, "3")]
    [InlineData(new[] { "ps", "-n", "3", "-l" }, "3")]
    [InlineData(new[] { "container", "ls", "--last=2" }, "2")]
    public void PsLimit(string[] args, string limit)
    {
        var h = new CliHarness();
        var result = h.Parse(args);
        var request = PsCommand.BuildRequest(((PsCommand)result.CommandResult.Command).ReadRequest(result));
        Assert.Equal(limit, request.QueryValue("limit"));
    }

    [Theory]
    [InlineData(new[] { "ps", "--format", "{{.ID}} {{.Size}}" }, "1")]
    [InlineData(new[] { "ps", "--format", "{{ json . }}" }, "1")]
    [InlineData(new[] { "ps", "--format", "json" }, null)]
    [InlineData(new[] { "ps", "--format", "{{json .Names}}" }, null)]
    [InlineData(new[] { "ps", "--format", "{{.Size}}", "--size=false" }, null)]
    [InlineData(new[] { "ps", "-q", "--format", "{{.Size}}" }, null)]
    public void PsAsksForSizesWhenTheTemplateShowsThem(string[] args, string? size)
    {
        var h = new CliHarness();
        var result = h.Parse(args);
        Assert.Equal(size, PsCommand.BuildRequest(((PsCommand)result.CommandResult.Command).ReadRequest(result)).QueryValue("size"));
    }

    [Fact]
    public void PsBadFilterUsesPflagWording()
    {
        var ex = Assert.Throws<UsageException>(() => PsCommand.BuildRequest(new PsCommand.Request(false, -1, false, false, ["foo"])));
        Assert.Equal("invalid argument \"foo\" for \"-f, --filter\" flag: bad format of filter (expected name=value)", ex.Message);
    }

    [Fact]
    public void PsFormatResolution()
    {
        Assert.Equal("{{.ID}}", PsCommand.ResolveFormat("table {{.Names}}", quiet: true, size: false));
        Assert.Equal("table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}\t{{.Size}}",
            PsCommand.ResolveFormat("table", quiet: false, size: true));
        Assert.Equal("json", PsCommand.ResolveFormat("json", quiet: false, size: false));
    }

    [Fact]
    public void ImagesWithReferenceFiltersByReference()
    {
        var request = ImagesCommand.BuildRequest(new ImagesCommand.Request(true, ["dangling=false"], "busybox:1"));
        Assert.Equal("/images/json", request.Path);
        Assert.Equal("1", request.QueryValue("all"));
        Assert.Equal("{\"dangling\":{\"false\":true},\"reference\":{\"busybox:1\":true}}", request.QueryValue("filters"));
    }

    [Fact]
    public void LogsQueryConvertsRelativeSince()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var request = LogsCommand.BuildRequest(new LogsCommand.Request("web", true, true, false, null, "10m", "1700000000.5"), now);
        Assert.Equal("/containers/web/logs", request.Path);
        Assert.Equal("stdout=1&stderr=1&since=1699999400&timestamps=1&follow=1&tail=all&until=1700000000.5", request.QueryString);
    }

    [Fact]
    public void TimestampsInRfc3339BecomeUnixSeconds()
    {
        var now = DateTimeOffset.UnixEpoch;
        Assert.Equal("1700000000.000000000", TimestampArg.Convert("2023-11-14T22:13:20Z", now));
        Assert.Equal("1700000000.250000000", TimestampArg.Convert("2023-11-14T22:13:20.25Z", now));
        Assert.Equal("1700000000.123456789", TimestampArg.Convert("2023-11-14T22:13:20.123456789Z", now));
        Assert.Equal("1699999220.000000000", TimestampArg.Convert("2023-11-14T22:13:20+00:13", now));
        Assert.Throws<FormatException>(() => TimestampArg.Convert("yesterday", now));
    }

    [Theory]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5h", 5400)]
    [InlineData("300ms", 0.3)]
    [InlineData("-2s", -2)]
    public void GoDurations(string text, double seconds)
    {
        Assert.True(GoDuration.TryParse(text, out var d));
        Assert.Equal(seconds, d.TotalSeconds, 6);
    }

    [Fact]
    public void ImageRequests()
    {
        Assert.Equal("repo=registry%3A5000%2Fapp&tag=v2", TagCommand.BuildRequest("busybox", "registry:5000/app:v2").QueryString);
        Assert.Equal("/images/busybox/tag", TagCommand.BuildRequest("busybox", "app").Path);
        Assert.Equal("repo=app&tag=latest", TagCommand.BuildRequest("busybox", "app").QueryString);

        var rmi = RmiCommand.BuildRequest("busybox:latest", force: true, noPrune: false);
        Assert.Equal(("DELETE", "/images/busybox%3Alatest", "force=1"), (rmi.Method, rmi.Path, rmi.QueryString));

        Assert.Equal("names=a&names=b%3A1", SaveCommand.BuildRequest(["a", "b:1"]).QueryString);
        Assert.Equal("quiet=1", LoadCommand.BuildRequest(true).QueryString);

        var import = ImportCommand.BuildRequest(new ImportCommand.Request("-", "bb:v1", ["CMD [\"/bin/sh\"]", "ENV A=1"], "hello", null));
        Assert.Equal("/images/create", import.Path);
        Assert.Equal("application/x-tar", import.ContentType);
        Assert.Equal([("fromSrc", "-"), ("repo", "bb"), ("tag", "v1"), ("message", "hello"), ("changes", "CMD [\"/bin/sh\"]"), ("changes", "ENV A=1")],
            import.Query.Select(kv => (kv.Key, kv.Value)));
        var fromUrl = ImportCommand.BuildRequest(new ImportCommand.Request("https://x/rootfs.tar", null, [], null, null));
        Assert.Equal("fromSrc=https%3A%2F%2Fx%2Frootfs.tar", fromUrl.QueryString);
    }

    [Fact]
    public void ContainerLifecycleRequests()
    {
        Assert.Equal("t=3", StopCommand.BuildRequest("stop", "web", 3, null).QueryString);
        Assert.Equal("/containers/web/restart", StopCommand.BuildRequest("restart", "web", null, null).Path);
        Assert.Equal("signal=SIGHUP", KillCommand.BuildRequest("web", "SIGHUP").QueryString);
        Assert.Equal("v=1&force=1", RmCommand.BuildRequest("web", force: true, volumes: true, link: false).QueryString);
        Assert.Equal("condition=next-exit", WaitCommand.BuildRequest("web", "next-exit").QueryString);
        Assert.Equal("name=new", RenameCommand.BuildRequest("old", "new").QueryString);
        Assert.Equal("/containers/web/start", StartCommand.BuildRequest("web").Path);
        Assert.Equal("stream=1&stdin=1&stdout=1&stderr=1",
            Berth.Cli.Streams.AttachSession.BuildRequest("web", stdin: true, stdout: true, stderr: true).QueryString);
    }

    [Fact]
    public void EndpointResolution()
    {
        var env = new Dictionary<string, string?> { ["DOCKER_HOST"] = "unix:///var/run/docker.sock" };
        var byDefault = DaemonEndpoint.Resolve(null, n => env.GetValueOrDefault(n));
        Assert.Equal("/run/berth/berth.sock", byDefault.SocketPath); // DOCKER_HOST is ignored
        Assert.Equal("1.50", byDefault.ApiVersion);

        env["BERTH_HOST"] = "unix:///tmp/b.sock";
        env["BERTH_API_VERSION"] = "1.41";
        var fromEnv = DaemonEndpoint.Resolve(null, n => env.GetValueOrDefault(n));
        Assert.Equal(("/tmp/b.sock", "1.41"), (fromEnv.SocketPath, fromEnv.ApiVersion));

        var tcp = DaemonEndpoint.Resolve("tcp://10.0.0.1:2376", n => env.GetValueOrDefault(n));
        Assert.Equal(("10.0.0.1", 2376), (tcp.TcpHost, tcp.TcpPort));
        Assert.Equal("/v1.41/containers/json?all=1",
            new DaemonClient(fromEnv).VersionedTarget(ApiRequest.Get("/containers/json", new KeyValuePair<string, string>("all", "1"))));
        Assert.Throws<FormatException>(() => DaemonEndpoint.Parse("ftp://x"));
    }

    [Fact]
    public void Paths_are_built_like_docker_client_builds_them()
    {
        var client = new DaemonClient(DaemonEndpoint.Resolve("unix:///tmp/b.sock", _ => null));
        // A leading slash on a container name and a '/' in an image name reach the daemon as docker's client sends them.
        Assert.Equal("/v1.50/containers/web/wait", client.VersionedTarget(WaitCommand.BuildRequest("/web", null)));
        Assert.Equal("/v1.50/images/my/app/json", client.VersionedTarget(InspectCommand.ImageRequest("my/app")));
        Assert.Equal("/v1.50/containers/a%20b/json", client.VersionedTarget(ApiRequest.Get("/containers/a%20b/json")));
    }
}
