namespace Berth.Cli.Formatting;

/// <summary>
/// A method on template data, stored as a dictionary value: "{{.Label "com.example"}}" invokes the
/// "Label" entry with ["com.example"] (a pipeline's value comes last). Exceptions become
/// "error calling Label: ..." template errors.
/// </summary>
public delegate object? TemplateMethod(IReadOnlyList<object?> args);
