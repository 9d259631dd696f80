namespace Berth.Cli.Formatting.Templates;

/// <summary>The result of parsing: the main body plus any {{define}}/{{block}} templates, and the source text.</summary>
internal sealed class ParsedTemplate(string text, ListNode root, Dictionary<string, ListNode> definitions)
{
    public string Text { get; } = text;
    public ListNode Root { get; } = root;
    public IReadOnlyDictionary<string, ListNode> Definitions { get; } = definitions;
}
