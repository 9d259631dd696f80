using Berth.Cli.Commands;

namespace Berth.Cli.Formatting;

/// <summary>Feeds listing rows to the shared <see cref="FormatWriter"/>, reporting template errors as docker does.</summary>
internal static class RowOutput
{
    public static void Write(CliContext ctx, string format, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows,
        IReadOnlyDictionary<string, string> headers)
    {
        // Rendered to a buffer first: a template that fails halfway prints nothing, as in docker.
        var buffer = new StringWriter { NewLine = "\n" };
        try
        {
            FormatWriter.Write(buffer, format, rows, headers);
        }
        catch (Exception ex) when (IsTemplateFailure(ex))
        {
            throw new CliError(1, ex.Message.StartsWith("template", StringComparison.Ordinal)
                ? "template parsing error: " + ex.Message
                : "template parsing error: template: " + ex.Message);
        }
        ctx.Out.Write(buffer.ToString());
    }

    /// <summary>Executes a per-object template (inspect -f, version -f) and prints the result with a newline.</summary>
    public static void WriteTemplate(CliContext ctx, GoTemplate template, object? data)
    {
        string text;
        try { text = template.Execute(data); }
        catch (Exception ex) when (IsTemplateFailure(ex))
        {
            throw new CliError(1, "template parsing error: " + ex.Message);
        }
        ctx.Out.Write(text + "\n");
    }

    public static GoTemplate ParseTemplate(string format)
    {
        try { return GoTemplate.Parse(format); }
        catch (Exception ex) when (IsTemplateFailure(ex))
        {
            throw new CliError(1, "template parsing error: " + ex.Message);
        }
    }

    /// <summary>
    /// Whatever the template engine throws for a bad template or a failed execution; I/O and
    /// cancellation are not template problems and keep their own handling.
    /// </summary>
    private static bool IsTemplateFailure(Exception ex) =>
        ex is not (IOException or OperationCanceledException or OutOfMemoryException or CliError);
}
