using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Berth.Tests.Formatting;

/// <summary>docker inspect --format runs templates over the inspect JSON.</summary>
public class GoTemplateJsonDataTests
{
    private const string Inspect = """
        {"Id":"abc","State":{"Status":"running","Running":true,"Pid":42,"Health":null},
         "Config":{"Labels":{"com.example":"x","b":"y"},"Env":["A=1","B=2"],"Volumes":null},
         "Ratio":0.5,"Big":1e300,"Mounts":[]}
        """;

    public static TheoryData<string, string> Cases => new()
    {
        { "{{.Id}}", "abc" },
        { "{{.State.Status}} {{.State.Running}} {{.State.Pid}}", "running true 42" },
        { "{{.State.Health}}", "<nil>" },
        { "{{.Config.Volumes}}", "<nil>" },
        { "{{.Config.Labels}}", "map[b:y com.example:x]" },
        { "{{index .Config.Labels \"com.example\"}}", "x" },
        { "{{index .Config.Labels \"missing\"}}", "" },
        { "{{.Config.Env}}", "[A=1 B=2]" },
        { "{{range .Config.Env}}{{.}};{{end}}", "A=1;B=2;" },
        { "{{len .Config.Env}} {{len .Mounts}} {{len .Config.Labels}}", "2 0 2" },
        { "{{range .Mounts}}x{{else}}none{{end}}", "none" },
        { "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}},{{end}}", "b=y,com.example=x," },
        { "{{.Ratio}} {{.Big}}", "0.5 1e+300" },
        { "{{.Missing}}", "<no value>" },
        { "{{json .State}}", "{\"Status\":\"running\",\"Running\":true,\"Pid\":42,\"Health\":null}" },
        { "{{json .Config.Env}}", "[\"A=1\",\"B=2\"]" },
        { "{{json .Mounts}}", "[]" },
        { "{{if .State.Running}}up{{end}}", "up" },
        { "{{with .State.Health}}h{{else}}no health{{end}}", "no health" },
        { "{{if eq .State.Status \"running\"}}ok{{end}}", "ok" },
        { "{{.State.Pid | printf \"%05d\"}}", "00042" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void WorksOnJsonElement(string template, string expected)
    {
        using var document = JsonDocument.Parse(Inspect);
        Assert.Equal(expected, GoTemplateTests.Run(template, document.RootElement));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WorksOnJsonNode(string template, string expected) =>
        Assert.Equal(expected, GoTemplateTests.Run(template, JsonNode.Parse(Inspect)));

    [Fact]
    public void NilPointerFieldAccessFailsLikeDocker()
    {
        using var document = JsonDocument.Parse(Inspect);
        GoTemplateTests.AssertError(
            "template: :1:8: executing \"\" at <.State.Health.Status>: nil pointer evaluating interface {}.Status",
            "{{.State.Health.Status}}", document.RootElement);
    }
}
