namespace Berth.Cli.Formatting;

/// <summary>
/// A template parse or execution error, with Go's text/template message
/// ("template: :1: function "foo" not defined", "template: :1:2: executing "" at <.X>: ...").
/// </summary>
public sealed class GoTemplateException(string message, Exception? inner = null) : Exception(message, inner);
