namespace Berth.Cli.Formatting.Templates;

/// <summary>A function callable from templates, with its Go signature (fixed parameters, optional variadic tail).</summary>
internal sealed class TemplateFunction(string name, ParamKind[] parameters, ParamKind? variadic, Func<object?[], object?> body)
{
    public string Name { get; } = name;
    public IReadOnlyList<ParamKind> Parameters { get; } = parameters;
    public ParamKind? Variadic { get; } = variadic;
    public bool IsVariadic => Variadic is not null;

    /// <summary>and/or: evaluated lazily by the executor, stopping at the deciding argument.</summary>
    public bool ShortCircuits => Name is "and" or "or";

    public object? Invoke(object?[] args) => body(args);

    public static string KindName(ParamKind kind) => kind switch
    {
        ParamKind.Any => "interface {}",
        ParamKind.Value => "reflect.Value",
        ParamKind.String => "string",
        ParamKind.Int => "int",
        ParamKind.Bool => "bool",
        _ => "[]string",
    };
}
