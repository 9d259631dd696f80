using Berth.Protocol.Formatting;

namespace Berth.Cli.Formatting.Templates;

/// <summary>One lexical item: its kind, start (char index into the template text), text and line.</summary>
internal readonly record struct Token(TokenKind Kind, int Pos, string Value, int Line)
{
    public bool IsKeyword => Kind > TokenKind.Keyword;

    /// <summary>The item as Go's parser quotes it in "unexpected X in Y" errors.</summary>
    public override string ToString()
    {
        if (Kind == TokenKind.Eof)
            return "EOF";
        if (Kind == TokenKind.Error)
            return Value;
        if (IsKeyword)
            return "<" + Value + ">";
        // Go prints long items as %.10q: the first ten runes, quoted, then "...".
        if (GoStrings.Utf8Length(Value) > 10)
            return GoStrings.Quote(string.Concat(Value.EnumerateRunes().Take(10))) + "...";
        return GoStrings.Quote(Value);
    }
}
