using System.Text;
using Berth.Cli.Formatting;
using Berth.Protocol.Containers;
using Berth.Protocol.Images;
using Xunit;

namespace Berth.Tests.Cli;

public class DisplayFormattingTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Theory]
    [InlineData("sh -c 'exit 3'", "\"sh -c 'exit 3'\"")]
    [InlineData("echo \"a\\b\"", "\"echo \\\"a\\\\b\\\"\"")]
    [InlineData("a\tb\nc\u0001", "\"a\\tb\\nc\\x01\"")]
    [InlineData("héllo…", "\"héllo…\"")]
    public void GoQuoteMatchesStrconvQuote(string input, string expected) => Assert.Equal(expected, DisplayText.GoQuote(input));

    [Theory]
    [InlineData("sh -c 'for i in 1 2 3; do echo; done'", 20, "sh -c 'for i in 1 2…")]
    [InlineData("short", 20, "short")]
    [InlineData("exactly-twenty-chars", 20, "exactly-twenty-chars")]
    [InlineData("中文字符中文字符中文字符", 10, "中文字符…")]
    public void EllipsisCountsDisplayWidth(string input, int width, string expected) =>
        Assert.Equal(expected, DisplayText.Ellipsis(input, width));

    [Theory]
    [InlineData("sha256:a0a14bdb576031d194743a586e8226d7612d8ba708d66a45afcbff421bb10f76", "a0a14bdb5760")]
    [InlineData("5aca715d7714995c860cd195bb42fc00072468a4213c98edb22dd5c7742bdb3f", "5aca715d7714")]
    [InlineData("<missing>", "<missing>")]
    public void TruncateId(string id, string expected) => Assert.Equal(expected, DisplayText.TruncateId(id));

    [Theory]
    [InlineData(0, "0B")]
    [InlineData(999, "999B")]
    [InlineData(1984172, "1.98MB")]
    [InlineData(2_000_000, "2MB")]
    [InlineData(999_999, "1e+03kB")]
    [InlineData(123_456_789_012, "123GB")]
    public void CompactSizeIsHumanSizeWithPrecision3(long size, string expected) => Assert.Equal(expected, DisplayText.CompactSize(size));

    [Fact]
    public void ContainerRowUsesDockerFieldsAndTruncation()
    {
        var summary = new ContainerSummary
        {
            Id = "5aca715d7714995c860cd195bb42fc00072468a4213c98edb22dd5c7742bdb3f",
            Names = ["/web", "/other/link"],
            Image = "docker.io/library/busybox:latest",
            ImageID = "sha256:a0a14bdb576031d194743a586e8226d7612d8ba708d66a45afcbff421bb10f76",
            Command = "sh -c 'for i in 1 2 3; do echo; done'",
            Created = 1_700_000_000 - 90,
            State = "running",
            Status = "Up 1 minute",
            Labels = new() { ["b"] = "2", ["a"] = "1" },
            SizeRw = 12, SizeRootFs = 1984172,
            Mounts = [new MountPoint { Name = "", Source = "/very/long/host/path/data", Driver = "local" }],
        };
        var row = ContainerRows.Build(summary, trunc: true, Now);
        Assert.Equal("5aca715d7714", row["ID"]);
        Assert.Equal("busybox:latest", row["Image"]);
        Assert.Equal("\"sh -c 'for i in 1 2…\"", row["Command"]);
        Assert.Equal("web", row["Names"]);
        Assert.Equal("a=1,b=2", row["Labels"]);
        Assert.Equal("12B (virtual 1.98MB)", row["Size"]);
        Assert.Equal("/very/long/hos…", row["Mounts"]);
        Assert.Equal("1", row["LocalVolumes"]);
        Assert.Equal("running", row["State"]);
        var label = Assert.IsType<TemplateMethod>(row["Label"]);
        Assert.Equal("2", label(["b"]));
        Assert.Equal("", label(["nope"]));

        var full = ContainerRows.Build(summary, trunc: false, Now);
        Assert.Equal(summary.Id, full["ID"]);
        Assert.Equal("web,other/link", full["Names"]);
        Assert.Equal("\"sh -c 'for i in 1 2 3; do echo; done'\"", full["Command"]);
    }

    [Fact]
    public void PortsCollapseRangesLikeDocker()
    {
        PortSummary P(int priv, int pub = 0, string? ip = null, string type = "tcp") =>
            new() { PrivatePort = priv, PublicPort = pub, IP = ip, Type = type };
        Assert.Equal("", ContainerRows.Ports([]));
        Assert.Equal("8000-8002/tcp, 9000/udp", ContainerRows.Ports([P(8002), P(8000), P(8001), P(9000, type: "udp")]));
        Assert.Equal("0.0.0.0:80->80/tcp, 0.0.0.0:8080->9090/tcp",
            ContainerRows.Ports([P(9090, 8080, "0.0.0.0"), P(80, 80, "0.0.0.0")]));
        Assert.Equal("[::]:80->80/tcp", ContainerRows.Ports([P(80, 80, "::")]));
    }

    [Fact]
    public void ImageRowsExpandTagsAndMarkDanglingImages()
    {
        var images = new List<ImageSummary>
        {
            new() { Id = "sha256:" + new string('a', 64), RepoTags = ["busybox:latest", "bb:1"], RepoDigests = null!, Created = 1_700_000_000 - 60, Size = 1984172 },
            new() { Id = "sha256:" + new string('b', 64), RepoTags = ["<none>:<none>"], RepoDigests = ["<none>@<none>"], Size = 5 },
            new() { Id = "sha256:" + new string('c', 64), RepoTags = [], RepoDigests = ["alpine@sha256:" + new string('d', 64)], Size = 5 },
        };
        var rows = ImageRows.Build(images, trunc: true, showDigests: false, Now);
        Assert.Equal(["busybox:latest", "bb:1", "<none>:<none>", "alpine:<none>"],
            rows.Select(r => $"{r["Repository"]}:{r["Tag"]}"));
        Assert.Equal("aaaaaaaaaaaa", rows[0]["ID"]);
        Assert.Equal("1.98MB", rows[0]["Size"]);
        Assert.Equal("N/A", rows[0]["Containers"]);
        Assert.Equal("<none>", rows[2]["Digest"]);

        var withDigests = ImageRows.Build(images.Skip(2), trunc: false, showDigests: true, Now);
        Assert.Equal("sha256:" + new string('d', 64), withDigests.Single()["Digest"]);
        Assert.Equal("sha256:" + new string('c', 64), withDigests.Single()["ID"]);
    }

    [Fact]
    public void HistoryRowsTruncateCreatedBy()
    {
        var item = new ImageHistoryItem
        {
            Id = "sha256:" + new string('e', 64), Created = 1_700_000_000, Size = 1984172, Comment = "hello",
            CreatedBy = "/bin/sh -c #(nop) ADD file:0123456789abcdef0123456789abcdef in / ",
        };
        var row = HistoryRows.Build(item, trunc: true, human: false, Now);
        Assert.Equal("eeeeeeeeeeee", row["ID"]);
        Assert.Equal("2023-11-14T22:13:20Z", row["CreatedAt"]);
        Assert.Equal("2023-11-14T22:13:20Z", row["CreatedSince"]);
        Assert.Equal("1984172", row["Size"]);
        Assert.Equal(45, ((string)row["CreatedBy"]!).Length);
        Assert.EndsWith("…", (string)row["CreatedBy"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void InspectJsonIsReindentedWithFourSpacesKeepingOrder()
    {
        var raw = Encoding.UTF8.GetBytes("{\"Id\":\"x\",\"Empty\":{},\"List\":[],\"Args\":[\"\\u003cx\\u0026y\\u003e\",\"tab\\there\"],\"N\":1.50,\"B\":true,\"Z\":null}");
        var expected = """
            [
                {
                    "Id": "x",
                    "Empty": {},
                    "List": [],
                    "Args": [
                        "<x&y>",
                        "tab\there"
                    ],
                    "N": 1.50,
                    "B": true,
                    "Z": null
                }
            ]
            """;
        Assert.Equal(expected.Replace("\r\n", "\n"), JsonIndenter.IndentArray([raw]));
        Assert.Equal("[]", JsonIndenter.IndentArray([]));
    }

    [Fact]
    public void PosixZoneAbbreviations()
    {
        Assert.Equal(("CET", "CEST"), GoTime.ParsePosixTz("CET-1CEST,M3.5.0,M10.5.0/3"));
        Assert.Equal(("+03", null), GoTime.ParsePosixTz("<+03>-3"));
        Assert.Equal(("UTC", null), GoTime.ParsePosixTz("UTC0"));
    }
}
