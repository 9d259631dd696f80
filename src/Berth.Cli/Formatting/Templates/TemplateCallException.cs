namespace Berth.Cli.Formatting.Templates;

/// <summary>An error a template function returns; reported as "error calling NAME: MESSAGE".</summary>
internal sealed class TemplateCallException(string message) : Exception(message);
