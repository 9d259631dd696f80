using System.Text;
using Berth.Cli.Formatting.Templates;

namespace Berth.Cli.Formatting;

/// <summary>
/// A Go text/template, as `docker --format` and `docker inspect --format` evaluate them, with Go's
/// builtins and the Docker CLI's functions (json, join, split, lower, upper, title, pad, truncate).
/// Data may be null, strings, bools, integers, doubles, IReadOnlyDictionary&lt;string, object?&gt;
/// (with <see cref="TemplateMethod"/> entries as methods), lists/sequences, JsonElement or JsonNode.
/// </summary>
public sealed class GoTemplate
{
    private readonly ParsedTemplate _parsed;

    private GoTemplate(ParsedTemplate parsed) => _parsed = parsed;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="GoTemplateException"/> with Go's message on syntax errors.</summary>
    public static GoTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new GoTemplate(TemplateParser.Parse(text, FunctionTable.Standard.Contains));
    }

    /// <summary>Executes against <paramref name="data"/>; throws <see cref="GoTemplateException"/> on execution errors.</summary>
    public string Execute(object? data)
    {
        var output = new StringBuilder();
        TemplateExecutor.Execute(_parsed, FunctionTable.Standard, data, output);
        return output.ToString();
    }

    /// <summary>Executes into <paramref name="output"/>, which keeps what was written before any error.</summary>
    internal void Execute(object? data, StringBuilder output, bool header)
    {
        TemplateExecutor.Execute(_parsed, header ? FunctionTable.Header : FunctionTable.Standard, data, output);
    }
}
