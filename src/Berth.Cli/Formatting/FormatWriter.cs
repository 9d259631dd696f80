using System.Text;

namespace Berth.Cli.Formatting;

/// <summary>
/// Docker CLI's --format handling (cli/command/formatter.Context): "table ..." renders a header row
/// from <c>headers</c> and aligns columns; "json" means {{json .}}; anything else is a template
/// printed once per row followed by a newline. Literal \t and \n typed by the user become tab and
/// newline. Nothing is written if any row fails; errors read "template parsing error: ...".
/// A bare "table" (or "") is passed through as Docker's generic formatter would; commands substitute
/// their default table format before calling, as Docker's do.
/// </summary>
public static class FormatWriter
{
    private const string TableKey = "table";
    private const string JsonKey = "json";

    /// <summary>True for Docker's table formats ("table" prefix, case-sensitive).</summary>
    public static bool IsTable(string format) => format.StartsWith(TableKey, StringComparison.Ordinal);

    /// <summary>True for the "json" shorthand.</summary>
    public static bool IsJson(string format) => format == JsonKey;

    /// <summary>Writes <paramref name="rows"/> formatted with <paramref name="format"/>.</summary>
    public static void Write(TextWriter output, string format, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows,
        IReadOnlyDictionary<string, string> headers)
    {
        var template = Prepare(format);
        var isTable = IsTable(format);

        var body = new StringBuilder();
        foreach (var row in rows)
        {
            try
            {
                template.Execute(row, body, header: false);
            }
            catch (GoTemplateException ex)
            {
                throw new GoTemplateException("template parsing error: " + ex.Message, ex);
            }
            body.Append('\n');
        }

        if (!isTable)
        {
            output.Write(body.ToString());
            return;
        }

        // The header runs the same template on the header titles; Docker ignores its errors and
        // keeps whatever was rendered before them.
        var header = new StringBuilder();
        try
        {
            template.Execute(headers.ToDictionary(h => h.Key, h => (object?)h.Value), header, header: true);
        }
        catch (GoTemplateException)
        {
        }
        header.Append('\n');
        output.Write(TabWriter.Align(header.Append(body).ToString()));
    }

    /// <summary>The template text Docker derives from --format: prefix removed, spaces trimmed, escapes applied.</summary>
    internal static string FinalFormat(string format)
    {
        if (IsTable(format))
            format = format[TableKey.Length..];
        else if (IsJson(format))
            format = "{{json .}}";
        return format.Trim(' ').Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal);
    }

    private static GoTemplate Prepare(string format)
    {
        try
        {
            return GoTemplate.Parse(FinalFormat(format));
        }
        catch (GoTemplateException ex)
        {
            throw new GoTemplateException("template parsing error: " + ex.Message, ex);
        }
    }
}
