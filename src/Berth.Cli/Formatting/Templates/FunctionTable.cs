namespace Berth.Cli.Formatting.Templates;

/// <summary>
/// The functions a template can call: Go's builtins plus the Docker CLI's (json, join, pad...).
/// Table headers are rendered with Docker's header variants, which return their string input as-is.
/// </summary>
internal sealed class FunctionTable
{
    private readonly Dictionary<string, TemplateFunction> _functions;

    private FunctionTable(IEnumerable<TemplateFunction> functions) =>
        _functions = functions.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>Builtins and Docker's basic functions (templates.Parse in docker/cli).</summary>
    public static FunctionTable Standard { get; } = new(BuiltinFunctions.All().Concat(DockerFunctions.Basic()));

    /// <summary>The standard table with Docker's HeaderFunctions overriding json, split, join, title, lower, upper, truncate.</summary>
    public static FunctionTable Header { get; } = new(
        BuiltinFunctions.All().Concat(DockerFunctions.Basic().Where(f => !DockerFunctions.Header().Any(h => h.Name == f.Name)))
            .Concat(DockerFunctions.Header()));

    public bool Contains(string name) => _functions.ContainsKey(name);

    public TemplateFunction? Find(string name) => _functions.GetValueOrDefault(name);
}
