using Berth.Cli.Formatting;
using Xunit;

namespace Berth.Tests.Formatting;

public class GoTemplateParseTests
{
    [Theory]
    [InlineData("{{foo}}", "template: :1: function \"foo\" not defined")]
    [InlineData("{{.X", "template: :1: unclosed action")]
    [InlineData("{{.X\n", "template: :2: unclosed action started at :1")]
    [InlineData("a\n{{.X}}\n{{.Y", "template: :3: unclosed action")]
    [InlineData("{{end}}", "template: :1: unexpected {{end}}")]
    [InlineData("{{else}}", "template: :1: unexpected {{else}}")]
    [InlineData("{{if .X}}", "template: :1: unexpected EOF")]
    [InlineData("{{range .X}}{{else}}{{else}}{{end}}", "template: :1: expected end; found {{else}}")]
    [InlineData("{{$x}}", "template: :1: undefined variable \"$x\"")]
    [InlineData("{{if true}}{{$x := 1}}{{end}}{{$x}}", "template: :1: undefined variable \"$x\"")]
    [InlineData("{{.X | 3}}", "template: :1: non executable command in pipeline stage 2")]
    [InlineData("{{(1}}", "template: :1: unclosed left paren")]
    [InlineData("{{1)}}", "template: :1: unexpected right paren U+0029 ')'")]
    [InlineData("{{\"abc}}", "template: :1: unterminated quoted string")]
    [InlineData("{{`abc}}", "template: :1: unterminated raw quoted string")]
    [InlineData("{{'a}}", "template: :1: unterminated character constant")]
    [InlineData("{{/* x }}", "template: :1: unclosed comment")]
    [InlineData("{{/* x */ .}}", "template: :1: comment ends before closing delimiter")]
    [InlineData("{{break}}", "template: :1: {{break}} outside {{range}}")]
    [InlineData("{{continue}}", "template: :1: {{continue}} outside {{range}}")]
    [InlineData("{{}}", "template: :1: missing value for command")]
    [InlineData("{{if}}{{end}}", "template: :1: missing value for if")]
    [InlineData("{{3x}}", "template: :1: bad number syntax: \"3x\"")]
    [InlineData("{{.X!}}", "template: :1: bad character U+0021 '!'")]
    [InlineData("{{.X ,}}", "template: :1: unexpected \",\" in operand")]
    [InlineData("{{a := 1}}", "template: :1: function \"a\" not defined")]
    [InlineData("{{$x := 1 := 2}}", "template: :1: unexpected \":=\" in operand")]
    [InlineData("{{range $a, $b, $c := .}}{{end}}", "template: :1: too many declarations in range")]
    [InlineData("{{with $a, $b := .}}{{end}}", "template: :1: too many declarations in with")]
    [InlineData("{{\"x\".Y}}", "template: :1: unexpected . after term \"\\\"x\\\"\"")]
    [InlineData("{{99999999999999999999}}", "template: :1: integer overflow: \"99999999999999999999\"")]
    [InlineData("{{089}}", "template: :1: integer overflow: \"089\"")]
    [InlineData("{{'ab'}}", "template: :1: malformed character constant: 'ab'")]
    [InlineData("{{\"\\q\"}}", "template: :1: invalid syntax")]
    [InlineData("{{template .X}}", "template: :1: unexpected \".X\" in template clause")]
    [InlineData("{{define \"a\"}}x{{end}}{{define \"a\"}}y{{end}}", "template: :1: template: multiple definition of template \"a\"")]
    [InlineData("{{.X | |}}", "template: :1: unexpected \"|\" in command")]
    [InlineData("{{\u00e9}}", "template: :1: function \"\u00e9\" not defined")]
    [InlineData("{{.X \u0001}}", "template: :1: unrecognized character in action: U+0001")]
    [InlineData("{{printf \"%d\" 0123456789012}}", "template: :1: integer overflow: \"0123456789012\"")]
    public void ReportsGoParseErrors(string template, string message)
    {
        var error = Assert.Throws<GoTemplateException>(() => GoTemplate.Parse(template));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("{{.X}}")]
    [InlineData("{{range $i, $e := .}}{{end}}")]
    [InlineData("{{range $e := .}}{{end}}")]
    [InlineData("{{- /* only a comment */ -}}")]
    [InlineData("{{if .A}}{{else if .B}}{{else}}{{end}}")]
    [InlineData("{{with .A}}{{else with .B}}{{end}}")]
    [InlineData("{{define \"a\"}}{{end}}{{define \"a\"}}y{{end}}")]
    [InlineData("{{(len .).X}}")]
    [InlineData("{{.X\n| print\n}}")]
    public void AcceptsValidSyntax(string template) => GoTemplate.Parse(template);
}
