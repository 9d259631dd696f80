using Berth.Cli.Formatting;
using Berth.Cli.Formatting.Templates;
using Xunit;

namespace Berth.Tests.Formatting;

public class FormatWriterTests
{
    private static readonly Dictionary<string, string> Headers = new()
    {
        ["ID"] = "CONTAINER ID",
        ["Image"] = "IMAGE",
        ["Names"] = "NAMES",
        ["Label"] = "LABEL",
    };

    private static IReadOnlyDictionary<string, object?> Row(string id, string image, string names) => new Dictionary<string, object?>
    {
        ["ID"] = id,
        ["Image"] = image,
        ["Names"] = names,
        ["Label"] = (TemplateMethod)(args => (string)args[0]! == "k" ? "v-" + id : ""),
    };

    private static readonly IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows =
    [
        Row("4c1b7ad8e1f2", "busybox", "web"),
        Row("9f", "nginx:1.25-alpine", "db"),
    ];

    private static string Write(string format, IReadOnlyList<IReadOnlyDictionary<string, object?>>? rows = null)
    {
        var output = new StringWriter();
        FormatWriter.Write(output, format, rows ?? Rows, Headers);
        return output.ToString();
    }

    [Fact]
    public void PlainFormatPrintsOneLinePerRow() =>
        Assert.Equal("4c1b7ad8e1f2 web\n9f db\n", Write("{{.ID}} {{.Names}}"));

    [Fact]
    public void TableAlignsColumnsLikeDockersTabwriter() =>
        Assert.Equal(
            "CONTAINER ID   IMAGE               NAMES\n" +
            "4c1b7ad8e1f2   busybox             web\n" +
            "9f             nginx:1.25-alpine   db\n",
            Write("table {{.ID}}\t{{.Image}}\t{{.Names}}"));

    [Fact]
    public void NarrowColumnsAreAtLeastTenWide() =>
        Assert.Equal("NAMES     IMAGE\nweb       busybox\n", Write("table {{.Names}}\t{{.Image}}", [Rows[0]]));

    [Fact]
    public void TableWithoutRowsStillPrintsTheHeader() =>
        Assert.Equal("CONTAINER ID   NAMES\n", Write("table {{.ID}}\t{{.Names}}", []));

    [Fact]
    public void UserTypedEscapesBecomeTabsAndNewlines()
    {
        Assert.Equal("4c1b7ad8e1f2\tweb\n9f\tdb\n", Write("{{.ID}}\\t{{.Names}}"));
        Assert.Equal("web\n--\ndb\n--\n", Write("{{.Names}}\\n--"));
        Assert.Equal("NAMES     IMAGE\nweb       busybox\n", Write("table {{.Names}}\\t{{.Image}}", [Rows[0]]));
    }

    [Fact]
    public void JsonShorthandPrintsEachRowAsJson() =>
        Assert.Equal("{\"ID\":\"9f\",\"Image\":\"nginx:1.25-alpine\",\"Names\":\"db\"}\n", Write("json", [Rows[1]]));

    [Fact]
    public void HeaderUsesDockerHeaderFunctions() =>
        Assert.Equal("CONTAINER ID   NAMES\n4c1b7ad8e1f2   WEB\n9f             DB\n",
            Write("table {{truncate .ID 12}}\t{{upper .Names}}"));

    [Fact]
    public void HeaderErrorsKeepPartialHeader() =>
        Assert.Equal("NAMES \nweb v-4c1b7ad8e1f2\n", Write("table {{.Names}} {{.Label \"k\"}}", [Rows[0]]));

    [Fact]
    public void MissingHeaderKeysPrintNoValue() =>
        Assert.Equal("<no value>\nx\n", Write("table {{.Other}}", [new Dictionary<string, object?> { ["Other"] = "x" }]));

    [Fact]
    public void BareTableKeywordIsAnEmptyTemplate() => Assert.Equal("\n\n\n", Write("table"));

    [Fact]
    public void SurroundingSpacesAreTrimmed() => Assert.Equal("web\ndb\n", Write("  {{.Names}}  "));

    [Fact]
    public void ParseErrorsArePrefixed()
    {
        var error = Assert.Throws<GoTemplateException>(() => Write("{{.ID | foo}}"));
        Assert.Equal("template parsing error: template: :1: function \"foo\" not defined", error.Message);
    }

    [Fact]
    public void ExecutionErrorsWriteNothing()
    {
        var output = new StringWriter();
        var error = Assert.Throws<GoTemplateException>(() => FormatWriter.Write(output, "{{.ID.X}}", Rows, Headers));
        Assert.Equal("template parsing error: template: :1:5: executing \"\" at <.ID.X>: can't evaluate field X in type string", error.Message);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void FormatKinds()
    {
        Assert.True(FormatWriter.IsTable("table {{.ID}}"));
        Assert.True(FormatWriter.IsTable("table"));
        Assert.False(FormatWriter.IsTable("TABLE {{.ID}}"));
        Assert.True(FormatWriter.IsJson("json"));
        Assert.False(FormatWriter.IsJson("json "));
    }

    [Fact]
    public void Json_of_a_list_row_is_sorted_and_html_escaped_as_docker_marshals_its_contexts()
    {
        var row = new FormatterRow { ["Status"] = "Up", ["Image"] = "<none>", ["Command"] = "\"a && b\"" };

        Assert.Equal("{\"Command\":\"\\\"a \\u0026\\u0026 b\\\"\",\"Image\":\"\\u003cnone\\u003e\",\"Status\":\"Up\"}\n", Write("{{json .}}", [row]));
        // A value picked out of the row is encoded as docker's json function does: no HTML escaping.
        Assert.Equal("\"<none>\"\n", Write("{{json .Image}}", [row]));
    }
}
