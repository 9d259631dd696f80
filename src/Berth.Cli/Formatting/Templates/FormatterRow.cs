namespace Berth.Cli.Formatting.Templates;

/// <summary>
/// A row of a list command (ps): the fields of one of docker's formatter contexts. Docker turns a
/// context into a Go map before encoding it, so {{json .}} writes its keys sorted and HTML-escaped
/// ("\u003cnone\u003e"), unlike the structs and JSON objects other templates see.
/// </summary>
internal sealed class FormatterRow : Dictionary<string, object?>;
