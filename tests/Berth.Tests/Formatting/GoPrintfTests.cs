using Xunit;

namespace Berth.Tests.Formatting;

public class GoPrintfTests
{
    [Theory]
    [InlineData("{{printf \"%5.2f\" 3.14159}}", " 3.14")]
    [InlineData("{{printf \"%-5s|\" \"ab\"}}", "ab   |")]
    [InlineData("{{printf \"%5s|\" \"ab\"}}", "   ab|")]
    [InlineData("{{printf \"%-10s|\" \"héllo\"}}", "héllo     |")]
    [InlineData("{{printf \"%q\" \"a\\\"b\\n\"}}", "\"a\\\"b\\n\"")]
    [InlineData("{{printf \"%d\" 42}}", "42")]
    [InlineData("{{printf \"%05d\" -42}}", "-0042")]
    [InlineData("{{printf \"%+d % d\" 5 5}}", "+5  5")]
    [InlineData("{{printf \"%x %X %#x %o %#o %b\" 255 255 255 8 8 5}}", "ff FF 0xff 10 010 101")]
    [InlineData("{{printf \"%x\" -255}}", "-ff")]
    [InlineData("{{printf \"%x %X % x\" \"hi\" \"hi\" \"hi\"}}", "6869 6869 68 69")]
    [InlineData("{{printf \"%c %U %#U\" 65 65 233}}", "A U+0041 U+00E9 'é'")]
    [InlineData("{{printf \"%q\" 65}}", "'A'")]
    [InlineData("{{printf \"%t %5t|\" true false}}", "true false|")]
    [InlineData("{{printf \"%v %v %v\" 1 \"a\" 1.5}}", "1 a 1.5")]
    [InlineData("{{printf \"%d\" \"x\"}}", "%!d(string=x)")]
    [InlineData("{{printf \"%s\" 1}}", "%!s(int=1)")]
    [InlineData("{{printf \"%z\" 1}}", "%!z(int=1)")]
    [InlineData("{{printf \"%s\"}}", "%!s(MISSING)")]
    [InlineData("{{printf \"%d %d\" 1}}", "1 %!d(MISSING)")]
    [InlineData("{{printf \"%s\" \"a\" \"b\" 3}}", "a%!(EXTRA string=b, int=3)")]
    [InlineData("{{printf \"%\"}}", "%!(NOVERB)")]
    [InlineData("{{printf \"100%%\"}}", "100%")]
    [InlineData("{{printf \"%e\" 1234.5678}}", "1.234568e+03")]
    [InlineData("{{printf \"%E\" 0.000123}}", "1.230000E-04")]
    [InlineData("{{printf \"%g %g %g\" 0.00001 100000.0 1e21}}", "1e-05 100000 1e+21")]
    [InlineData("{{printf \"%.3g\" 1234.5678}}", "1.23e+03")]
    [InlineData("{{printf \"%6.2f|\" 12.5}}", " 12.50|")]
    [InlineData("{{printf \"%08.3f\" -3.14159}}", "-003.142")]
    [InlineData("{{printf \"%+.1f\" 2.0}}", "+2.0")]
    [InlineData("{{printf \"%.0f %.0f %.0f\" 2.5 3.5 0.5}}", "2 4 0")]
    [InlineData("{{printf \"%.2f\" 1.005}}", "1.00")]
    [InlineData("{{printf \"%f\" 1}}", "%!f(int=1)")]
    [InlineData("{{printf \"%d\" 1.5}}", "%!d(float64=1.5)")]
    [InlineData("{{printf \"%[2]s %[1]s\" \"a\" \"b\"}}", "b a")]
    [InlineData("{{printf \"%[3]s\" \"a\"}}", "%!s(BADINDEX)")]
    [InlineData("{{printf \"%*d|%-*d|\" 5 42 4 7}}", "   42|7   |")]
    [InlineData("{{printf \"%.*f\" 1 3.14159}}", "3.1")]
    [InlineData("{{printf \"%.2s\" \"hello\"}}", "he")]
    [InlineData("{{printf \"%v %s\" nil nil}}", "<nil> %!s(<nil>)")]
    [InlineData("{{printf \"%T %T %T %T\" 1 \"a\" 1.5 true}}", "int string float64 bool")]
    [InlineData("{{printf \"%#v %#v\" \"a\" 1}}", "\"a\" 1")]
    [InlineData("{{printf \"%5d|%-5d|\" 42 42}}", "   42|42   |")]
    [InlineData("{{printf \"%.3d\" 7}}", "007")]
    [InlineData("{{printf \"%.0d|\" 0}}", "|")]
    [InlineData("{{printf \"%05s\" \"ab\"}}", "000ab")]
    public void MatchesGoFmt(string template, string expected) =>
        Assert.Equal(expected, GoTemplateTests.Run(template));

    [Fact]
    public void FormatsCollectionsElementwise()
    {
        var data = new Dictionary<string, object?>
        {
            ["L"] = new List<object?> { 1L, 2L },
            ["M"] = new Dictionary<string, object?> { ["b"] = 1L, ["a"] = "x" },
            ["S"] = new[] { "a", "b" },
        };
        Assert.Equal("[1 2]", GoTemplateTests.Run("{{printf \"%v\" .L}}", data));
        Assert.Equal("[   1    2]", GoTemplateTests.Run("{{printf \"%4d\" .L}}", data));
        Assert.Equal("map[a:x b:%!s(int=1)]", GoTemplateTests.Run("{{printf \"%s\" .M}}", data));
        Assert.Equal("[\"a\" \"b\"]", GoTemplateTests.Run("{{printf \"%q\" .S}}", data));
        Assert.Equal("[]string{\"a\", \"b\"}", GoTemplateTests.Run("{{printf \"%#v\" .S}}", data));
    }
}
