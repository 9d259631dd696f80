using Berth.Cli.Formatting;
using Xunit;

namespace Berth.Tests.Formatting;

public class GoTemplateTests
{
    internal static string Run(string template, object? data = null) => GoTemplate.Parse(template).Execute(data);

    private static Dictionary<string, object?> Row(params (string Key, object? Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value);

    [Theory]
    [InlineData("hello", "hello")]
    [InlineData("", "")]
    [InlineData("a{{/* comment */}}b", "ab")]
    [InlineData("a  {{- \"x\" -}}  b", "axb")]
    [InlineData("a \n\t{{- \"x\"}}", "ax")]
    [InlineData("{{\"x\" -}}\n\n b", "xb")]
    [InlineData("{{-3}}", "-3")]
    [InlineData("a {{- /* c */ -}} b", "ab")]
    [InlineData("{{ \"spaced\" }}", "spaced")]
    [InlineData("{{\"x\"\n}}", "x")]
    [InlineData("{{\"a\\tb\\u00e9\\x41\\101\"}}", "a\tb\u00e9AA")]
    [InlineData("{{`raw\\n`}}", "raw\\n")]
    [InlineData("{{1.5}}", "1.5")]
    [InlineData("{{0x10}}", "16")]
    [InlineData("{{0o17}} {{017}} {{0b101}}", "15 15 5")]
    [InlineData("{{1_000}}", "1000")]
    [InlineData("{{1e3}}", "1000")]
    [InlineData("{{'a'}} {{'\\n'}}", "97 10")]
    [InlineData("{{true}} {{false}}", "true false")]
    [InlineData("{{1000000.0}} {{100000.0}} {{0.00001}}", "1e+06 100000 1e-05")]
    public void RendersTextLiteralsAndTrimMarkers(string template, string expected) =>
        Assert.Equal(expected, Run(template));

    [Fact]
    public void PrintsValuesLikeGo()
    {
        Assert.Equal("<no value>", Run("{{.}}"));
        Assert.Equal("x", Run("{{.}}", "x"));
        Assert.Equal("5", Run("{{.}}", 5));
        Assert.Equal("5", Run("{{.}}", 5L));
        Assert.Equal("1.5", Run("{{.}}", 1.5));
        Assert.Equal("true", Run("{{.}}", true));
        Assert.Equal("map[a:1 b:2]", Run("{{.}}", Row(("b", 2), ("a", 1))));
        Assert.Equal("[1 a <nil> [x]]", Run("{{.}}", new List<object?> { 1, "a", null, new[] { "x" } }));
        Assert.Equal("map[]", Run("{{.}}", Row()));
        Assert.Equal("[]", Run("{{.}}", new List<object?>()));
    }

    [Fact]
    public void AccessesFieldsAndMissingKeys()
    {
        var data = Row(("Name", "web"), ("Nil", null), ("Inner", Row(("A", "deep"))));
        Assert.Equal("web", Run("{{.Name}}", data));
        Assert.Equal("deep", Run("{{.Inner.A}}", data));
        Assert.Equal("<no value>", Run("{{.Missing}}", data));
        Assert.Equal("<no value>", Run("{{.Missing.Deeper}}", data));
        Assert.Equal("<no value>", Run("{{.Nil}}", data));
        Assert.Equal("<nil>", Run("{{print .Nil}}", data));
        Assert.Equal("web", Run("{{$.Name}}", data));
        Assert.Equal("deep", Run("{{with .Inner}}{{.A}}{{end}}", data));
        Assert.Equal("deep", Run("{{(.Inner).A}}", data));
    }

    [Fact]
    public void FieldErrorsMatchGo()
    {
        var data = Row(("Name", "web"), ("Nil", null));
        AssertError("template: :1:6: executing \"\" at <.Nil.B>: nil pointer evaluating interface {}.B", "{{.Nil.B}}", data);
        AssertError("template: :1:7: executing \"\" at <.Name.X>: can't evaluate field X in type string", "{{.Name.X}}", data);
        AssertError("template: :1:2: executing \"\" at <.Name>: Name is not a method but has arguments", "{{.Name 1}}", data);
        AssertError("template: :1:6: executing \"\" at <.Name>: Name is not a method but has arguments", "{{1 | .Name}}", data);
        AssertError("template: :1:2: executing \"\" at <\"x\">: can't give argument to non-function \"x\"", "{{\"x\" 1}}", data);
        AssertError("template: :1:2: executing \"\" at <nil>: nil is not a command", "{{nil}}", data);
    }

    [Fact]
    public void VariablesDeclareAssignAndScope()
    {
        Assert.Equal("1", Run("{{$x := 1}}{{$x}}"));
        Assert.Equal("2", Run("{{$x := 1}}{{$x = 2}}{{$x}}"));
        Assert.Equal("data", Run("{{$}}", "data"));
        Assert.Equal("a-b", Run("{{$x := \"a\"}}{{if true}}{{$x = \"b\"}}{{end}}{{\"a\"}}-{{$x}}"));
        Assert.Equal("in", Run("{{with $v := \"in\"}}{{$v}}{{end}}"));
        Assert.Equal("3", Run("{{$l := len .}}{{$l}}", "abc"));
    }

    [Theory]
    [InlineData("{{if .A}}yes{{else}}no{{end}}", "yes")]
    [InlineData("{{if .Zero}}yes{{else}}no{{end}}", "no")]
    [InlineData("{{if .Empty}}yes{{else}}no{{end}}", "no")]
    [InlineData("{{if .Missing}}yes{{else}}no{{end}}", "no")]
    [InlineData("{{if .Zero}}a{{else if .A}}b{{else}}c{{end}}", "b")]
    [InlineData("{{if .Zero}}a{{else if .Empty}}b{{else}}c{{end}}", "c")]
    [InlineData("{{with .A}}[{{.}}]{{else}}none{{end}}", "[x]")]
    [InlineData("{{with .Empty}}[{{.}}]{{else}}none{{end}}", "none")]
    [InlineData("{{with .Zero}}a{{else with .A}}{{.}}{{end}}", "x")]
    [InlineData("{{if and .A .Zero}}y{{else}}n{{end}}", "n")]
    [InlineData("{{if or .Zero .A}}y{{else}}n{{end}}", "y")]
    [InlineData("{{if not .Zero}}y{{end}}", "y")]
    public void Conditionals(string template, string expected) =>
        Assert.Equal(expected, Run(template, Row(("A", "x"), ("Zero", 0), ("Empty", ""))));

    [Fact]
    public void RangesOverListsMapsAndIntegers()
    {
        var data = Row(("L", new List<object?> { "a", "b" }), ("M", Row(("z", 1), ("a", 2))), ("E", new List<object?>()));
        Assert.Equal("a,b,", Run("{{range .L}}{{.}},{{end}}", data));
        Assert.Equal("0=a 1=b ", Run("{{range $i, $e := .L}}{{$i}}={{$e}} {{end}}", data));
        Assert.Equal("a b ", Run("{{range $e := .L}}{{$e}} {{end}}", data));
        Assert.Equal("a=2 z=1 ", Run("{{range $k, $v := .M}}{{$k}}={{$v}} {{end}}", data));
        Assert.Equal("2 1 ", Run("{{range .M}}{{.}} {{end}}", data));
        Assert.Equal("empty", Run("{{range .E}}x{{else}}empty{{end}}", data));
        Assert.Equal("empty", Run("{{range .Missing}}x{{else}}empty{{end}}", data));
        Assert.Equal("012", Run("{{range 3}}{{.}}{{end}}"));
        Assert.Equal("012", Run("{{range $i := 3}}{{$i}}{{end}}"));
        Assert.Equal("a", Run("{{range .L}}{{if eq . \"b\"}}{{break}}{{end}}{{.}}{{end}}", data));
        Assert.Equal("b", Run("{{range .L}}{{if eq . \"a\"}}{{continue}}{{end}}{{.}}{{end}}", data));
        Assert.Equal("x", Run("{{$x := \"x\"}}{{range .L}}{{$y := .}}{{end}}{{$x}}", data));
        AssertError("template: :1:8: executing \"\" at <.A>: range can't iterate over x", "{{range .A}}{{end}}", Row(("A", "x")));
    }

    [Fact]
    public void BuiltinFunctions()
    {
        var data = Row(("L", new List<object?> { "a", "b", "c" }), ("M", Row(("k", "v"))), ("S", "héllo"));
        Assert.Equal("3 1 6", Run("{{len .L}} {{len .M}} {{len .S}}", data));
        Assert.Equal("b", Run("{{index .L 1}}", data));
        Assert.Equal("v", Run("{{index .M \"k\"}}", data));
        Assert.Equal("<no value>", Run("{{index .M \"nope\"}}", data));
        Assert.Equal("104", Run("{{index .S 0}}", data));
        Assert.Equal("[b c]", Run("{{slice .L 1}}", data));
        Assert.Equal("[a]", Run("{{slice .L 0 1}}", data));
        Assert.Equal("h\u00e9", Run("{{slice .S 0 3}}", data));
        Assert.Equal("0 x 2 false true", Run("{{and 1 0}} {{or 0 \"x\"}} {{and 1 2}} {{not 1}} {{not \"\"}}"));
        Assert.Equal("false", Run("{{and false (index .L 10)}}", data));
        Assert.Equal("1 2 ab a1 1a", Run("{{print 1 2}} {{print \"a\" \"b\"}} {{print \"a\" 1}} {{print 1 \"a\"}}"));
        Assert.Equal("1 a\n", Run("{{println 1 \"a\"}}"));
        Assert.Equal("&lt;a href=&#39;x&#39;&gt; &amp; &#34;", Run("{{html \"<a href='x'> & \\\"\"}}"));
        Assert.Equal("a+b%2Fc%3Fd%3De", Run("{{urlquery \"a b/c?d=e\"}}"));
        Assert.Equal("\\'\\u003C\\u003E", Run("{{js \"'<>\"}}"));
        Assert.Equal("x", Run("{{\"x\" | print}}"));
        Assert.Equal("a b", Run("{{\"b\" | print \"a\" \" \"}}"));
    }

    [Theory]
    [InlineData("{{eq 1 1}} {{eq 1 2}} {{eq \"a\" \"b\" \"a\"}} {{ne 1 2}}", "true false true true")]
    [InlineData("{{lt 1 2}} {{lt \"b\" \"a\"}} {{le 2 2}} {{gt 3 2}} {{ge 1 2}} {{lt 1.5 2.5}}", "true false true true false true")]
    [InlineData("{{eq .Missing \"x\"}} {{eq .Missing nil}}", "false true")]
    [InlineData("{{eq true true}}", "true")]
    public void Comparisons(string template, string expected) =>
        Assert.Equal(expected, Run(template, Row()));

    [Fact]
    public void ComparisonErrors()
    {
        AssertError("template: :1:2: executing \"\" at <eq 1 \"a\">: error calling eq: incompatible types for comparison: int and string", "{{eq 1 \"a\"}}");
        AssertError("template: :1:2: executing \"\" at <lt 1 2.5>: error calling lt: incompatible types for comparison: int and float64", "{{lt 1 2.5}}");
        AssertError("template: :1:2: executing \"\" at <lt true false>: error calling lt: invalid type for comparison", "{{lt true false}}");
        AssertError("template: :1:2: executing \"\" at <eq 1>: error calling eq: missing argument for comparison", "{{eq 1}}");
    }

    [Fact]
    public void FunctionCallErrors()
    {
        var data = Row(("L", new List<object?> { "a" }), ("N", 1), ("S", "s"));
        AssertError("template: :1:2: executing \"\" at <len 3>: error calling len: len of type int", "{{len 3}}", data);
        AssertError("template: :1:2: executing \"\" at <index .L 5>: error calling index: index out of range: 5", "{{index .L 5}}", data);
        AssertError("template: :1:2: executing \"\" at <index .L \"x\">: error calling index: cannot index slice/array with type string", "{{index .L \"x\"}}", data);
        AssertError("template: :1:2: executing \"\" at <len>: wrong number of args for len: want 1 got 0", "{{len}}", data);
        AssertError("template: :1:2: executing \"\" at <printf>: wrong number of args for printf: want at least 1 got 0", "{{printf}}", data);
        AssertError("template: :1:8: executing \"\" at <1>: expected string; found 1", "{{lower 1}}", data);
        AssertError("template: :1:8: executing \"\" at <.N>: wrong type for value; expected string; got int", "{{lower .N}}", data);
        AssertError("template: :1:14: executing \"\" at <\"x\">: expected integer; found \"x\"", "{{truncate .S \"x\"}}", data);
        AssertError("template: :1:8: executing \"\" at <.Missing>: invalid value; expected string", "{{upper .Missing}}", data);
        AssertError("template: :1:8: executing \"\" at <nil>: cannot assign nil to string", "{{lower nil}}", data);
        AssertError("template: :1:7: executing \"\" at <.L>: wrong type for value; expected []string; got []interface {}", "{{join .L \",\"}}", Row(("L", new List<object?> { 1 })));
    }

    [Fact]
    public void DockerFunctions()
    {
        var data = Row(("Names", "a,b,c"), ("Name", "Hello World"), ("Id", "0123456789abcdef"), ("Empty", ""));
        Assert.Equal("[a b c]", Run("{{split .Names \",\"}}", data));
        Assert.Equal("a;b;c", Run("{{join (split .Names \",\") \";\"}}", data));
        Assert.Equal("hello world HELLO WORLD", Run("{{lower .Name}} {{upper .Name}}", data));
        Assert.Equal("Hello World_x Foo-Bar", Run("{{title \"hello world_x foo-bar\"}}"));
        Assert.Equal("  Hello World |", Run("{{pad .Name 2 1}}|", data));
        Assert.Equal("|", Run("{{pad .Empty 2 1}}|", data));
        Assert.Equal("0123456789ab", Run("{{truncate .Id 12}}", data));
        Assert.Equal("abc", Run("{{truncate \"abc\" 12}}"));
        Assert.Equal("[h é]", Run("{{split \"hé\" \"\"}}"));
    }

    [Fact]
    public void JsonFunction()
    {
        var data = Row(("ID", "abc"), ("Size", 10), ("Ratio", 0.5), ("Ok", true), ("Nil", null), ("Tags", new[] { "a", "b" }),
            ("Html", "<a>&\"\n\u2028"), ("Label", (TemplateMethod)(_ => "x")));
        Assert.Equal("{\"ID\":\"abc\",\"Size\":10,\"Ratio\":0.5,\"Ok\":true,\"Nil\":null,\"Tags\":[\"a\",\"b\"],\"Html\":\"<a>&\\\"\\n\\u2028\"}",
            Run("{{json .}}", data));
        Assert.Equal("\"abc\"", Run("{{json .ID}}", data));
        Assert.Equal("null", Run("{{json .Missing}}", data));
        Assert.Equal("1e+21 1e-7 100", Run("{{json 1e21}} {{json 0.0000001}} {{json 100.0}}"));
        Assert.Equal("[]", Run("{{json .}}", new List<object?>()));
    }

    [Fact]
    public void StringDictionariesActAsStringMaps()
    {
        var data = Row(("Labels", new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" }));
        Assert.Equal("map[a:1 b:2]", Run("{{.Labels}}", data));
        Assert.Equal("1", Run("{{.Labels.a}}", data));
        Assert.Equal("<no value>", Run("{{.Labels.c}}", data));
        Assert.Equal("[]", Run("[{{index .Labels \"c\"}}]", data));
        Assert.Equal("{\"a\":\"1\",\"b\":\"2\"}", Run("{{json .Labels}}", data));
        Assert.Equal("a=1,b=2,", Run("{{range $k, $v := .Labels}}{{$k}}={{$v}},{{end}}", data));
    }

    [Fact]
    public void TemplateMethodsReceiveArguments()
    {
        var labels = new Dictionary<string, string> { ["com.example"] = "yes" };
        TemplateMethod label = args => labels.GetValueOrDefault((string)args[0]!, "");
        var data = Row(("Label", label), ("Boom", (TemplateMethod)(_ => throw new InvalidOperationException("boom"))),
            ("Count", (TemplateMethod)(args => args.Count)));
        Assert.Equal("yes", Run("{{.Label \"com.example\"}}", data));
        Assert.Equal("", Run("{{.Label \"other\"}}", data));
        Assert.Equal("yes", Run("{{\"com.example\" | .Label}}", data));
        Assert.Equal("0 2", Run("{{.Count}} {{.Count 1 2}}", data));
        AssertError("template: :1:2: executing \"\" at <.Boom>: error calling Boom: boom", "{{.Boom}}", data);
    }

    [Fact]
    public void DefineTemplateAndBlock()
    {
        Assert.Equal("<x>", Run("{{define \"T\"}}<{{.}}>{{end}}{{template \"T\" \"x\"}}"));
        Assert.Equal("[y]", Run("{{block \"B\" .}}[{{.}}]{{end}}", "y"));
        Assert.Equal("<no value>", Run("{{define \"T\"}}{{.}}{{end}}{{template \"T\"}}", "ignored"));
        AssertError("template: :1:11: executing \"\" at <{{template \"missing\"}}>: template \"missing\" not defined", "{{template \"missing\"}}");
        AssertError("template: :1:18: executing \"T\" at <.X.Y>: can't evaluate field Y in type string",
            "{{define \"T\"}}{{.X.Y}}{{end}}{{template \"T\" .}}", Row(("X", "s")));
    }

    internal static void AssertError(string message, string template, object? data = null)
    {
        var error = Assert.Throws<GoTemplateException>(() => Run(template, data));
        Assert.Equal(message, error.Message);
    }
}
