using Berth.Protocol.Formatting;

namespace Berth.Cli.Formatting.Templates;

/// <summary>
/// Splits a template into Go text/template items. Trim markers ("{{- " and " -}}") and comments are
/// resolved here, as in Go, so the parser never sees them. Lexing stops at the first error item.
/// </summary>
internal sealed partial class TemplateLexer
{
    private const string LeftDelim = "{{";
    private const string RightDelim = "}}";
    private const string LeftComment = "/*";
    private const string RightComment = "*/";

    private enum State { Text, Action, Done }

    private readonly string _input;
    private readonly List<Token> _tokens = [];
    private int _pos;
    private int _start;
    private int _parenDepth;
    private int _countedTo;
    private int _countedLine = 1;

    private TemplateLexer(string input) => _input = input;

    /// <summary>All items up to and including EOF or the first error.</summary>
    public static List<Token> Tokenize(string input)
    {
        var lexer = new TemplateLexer(input);
        var state = State.Text;
        while (state != State.Done)
            state = state == State.Text ? lexer.LexText() : lexer.LexInsideAction();
        return lexer._tokens;
    }

    private State LexText()
    {
        var x = _input.IndexOf(LeftDelim, _pos, StringComparison.Ordinal);
        if (x < 0)
        {
            _pos = _input.Length;
            if (_pos > _start)
                Emit(TokenKind.Text);
            Emit(TokenKind.Eof);
            return State.Done;
        }
        // "{{- " removes the white space before the action.
        var trim = HasLeftTrimMarker(x + LeftDelim.Length) ? TrailingSpaceLength(_start, x) : 0;
        _pos = x - trim;
        if (_pos > _start)
            Emit(TokenKind.Text);
        _pos = x;
        _start = x;
        return LexLeftDelim();
    }

    private State LexLeftDelim()
    {
        _pos += LeftDelim.Length;
        var afterMarker = HasLeftTrimMarker(_pos) ? 2 : 0;
        if (StartsWith(_pos + afterMarker, LeftComment))
        {
            _pos += afterMarker;
            _start = _pos;
            return LexComment();
        }
        Emit(TokenKind.LeftDelim);
        _pos += afterMarker;
        _start = _pos;
        _parenDepth = 0;
        return State.Action;
    }

    private State LexComment()
    {
        _pos += LeftComment.Length;
        var end = _input.IndexOf(RightComment, _pos, StringComparison.Ordinal);
        if (end < 0)
            return Error("unclosed comment");
        _pos = end + RightComment.Length;
        var (delim, trim) = AtRightDelim();
        if (!delim)
            return Error("comment ends before closing delimiter");
        if (trim)
            _pos += 2;
        _pos += RightDelim.Length;
        if (trim)
            _pos += LeadingSpaceLength(_pos);
        _start = _pos;
        return State.Text;
    }

    private State LexRightDelim()
    {
        var trim = HasRightTrimMarker(_pos);
        if (trim)
        {
            _pos += 2;
            _start = _pos;
        }
        _pos += RightDelim.Length;
        Emit(TokenKind.RightDelim);
        if (trim)
        {
            _pos += LeadingSpaceLength(_pos);
            _start = _pos;
        }
        return State.Text;
    }

    /// <summary>Scans one item inside an action.</summary>
    private State LexInsideAction()
    {
        if (AtRightDelim().Delim)
            return _parenDepth == 0 ? LexRightDelim() : Error("unclosed left paren");
        if (_pos >= _input.Length)
            return Error("unclosed action");

        var r = RuneAt(_pos, out var width);
        if (IsSpace(r))
            return LexSpace();
        _pos += width;
        switch (r)
        {
            case '=':
                Emit(TokenKind.Assign);
                return State.Action;
            case ':':
                if (_pos >= _input.Length || _input[_pos++] != '=')
                    return Error("expected :=");
                Emit(TokenKind.Declare);
                return State.Action;
            case '|':
                Emit(TokenKind.Pipe);
                return State.Action;
            case '"':
                return LexQuote();
            case '`':
                return LexRawQuote();
            case '$':
                return LexFieldOrVariable(TokenKind.Variable);
            case '\'':
                return LexChar();
            case '.':
                // ".Field" unless a digit follows, in which case it starts a number.
                if (_pos < _input.Length && !IsDigit(_input[_pos]))
                    return LexFieldOrVariable(TokenKind.Field);
                _pos -= width;
                return LexNumber();
            case '+' or '-' or (>= '0' and <= '9'):
                _pos -= width;
                return LexNumber();
            case '(':
                Emit(TokenKind.LeftParen);
                _parenDepth++;
                return State.Action;
            case ')':
                _start = _pos;
                if (--_parenDepth < 0)
                    return Error("unexpected right paren " + GoStrings.FormatUnicode(')', true));
                _tokens.Add(new Token(TokenKind.RightParen, _pos - 1, ")", LineAt(_pos - 1)));
                return State.Action;
        }
        if (IsAlphaNumeric(r))
        {
            _pos -= width;
            return LexIdentifier();
        }
        if (r < 0x80 && GoStrings.IsPrint(new System.Text.Rune(r)))
        {
            Emit(TokenKind.Char);
            return State.Action;
        }
        return Error("unrecognized character in action: " + GoStrings.FormatUnicode(r, true));
    }

    /// <summary>A run of spaces, minding a " -}}" that starts with the last of them.</summary>
    private State LexSpace()
    {
        var spaces = 0;
        while (_pos < _input.Length && IsSpace(_input[_pos]))
        {
            _pos++;
            spaces++;
        }
        if (HasRightTrimMarker(_pos - 1) && StartsWith(_pos + 1, RightDelim))
        {
            _pos--;
            if (spaces == 1)
                return LexRightDelim();
        }
        Emit(TokenKind.Space);
        return State.Action;
    }

    private State LexIdentifier()
    {
        int r;
        while (true)
        {
            var width = 1;
            r = _pos < _input.Length ? RuneAt(_pos, out width) : -1;
            if (r < 0 || !IsAlphaNumeric(r))
                break;
            _pos += width;
        }
        if (!AtTerminator())
            return Error("bad character " + GoStrings.FormatUnicode(r, true));
        var word = _input[_start.._pos];
        Emit(word switch
        {
            "block" => TokenKind.Block,
            "break" => TokenKind.Break,
            "continue" => TokenKind.Continue,
            "define" => TokenKind.Define,
            "else" => TokenKind.Else,
            "end" => TokenKind.End,
            "if" => TokenKind.If,
            "range" => TokenKind.Range,
            "nil" => TokenKind.Nil,
            "template" => TokenKind.Template,
            "with" => TokenKind.With,
            "true" or "false" => TokenKind.Bool,
            _ => TokenKind.Identifier,
        });
        return State.Action;
    }

    /// <summary>".Name" or "$name"; a lone "." is dot and a lone "$" the root variable.</summary>
    private State LexFieldOrVariable(TokenKind kind)
    {
        if (AtTerminator())
        {
            Emit(kind == TokenKind.Variable ? TokenKind.Variable : TokenKind.Dot);
            return State.Action;
        }
        int r;
        while (true)
        {
            var width = 1;
            r = _pos < _input.Length ? RuneAt(_pos, out width) : -1;
            if (r < 0 || !IsAlphaNumeric(r))
                break;
            _pos += width;
        }
        if (!AtTerminator())
            return Error("bad character " + GoStrings.FormatUnicode(r, true));
        Emit(kind);
        return State.Action;
    }

    /// <summary>Whether an identifier may end here: space, EOF, punctuation that separates, or "}".</summary>
    private bool AtTerminator()
    {
        if (_pos >= _input.Length)
            return true;
        var c = _input[_pos];
        return IsSpace(c) || c is '.' or ',' or '|' or ':' or ')' or '(' or '}';
    }

    private (bool Delim, bool Trim) AtRightDelim()
    {
        if (HasRightTrimMarker(_pos) && StartsWith(_pos + 2, RightDelim))
            return (true, true);
        return (StartsWith(_pos, RightDelim), false);
    }

    private bool HasLeftTrimMarker(int i) => i + 1 < _input.Length && _input[i] == '-' && IsSpace(_input[i + 1]);

    private bool HasRightTrimMarker(int i) => i >= 0 && i + 1 < _input.Length && IsSpace(_input[i]) && _input[i + 1] == '-';

    private bool StartsWith(int i, string text) =>
        i >= 0 && i <= _input.Length && _input.AsSpan(i).StartsWith(text, StringComparison.Ordinal);

    private int TrailingSpaceLength(int start, int end)
    {
        var n = 0;
        while (end - n > start && IsSpace(_input[end - n - 1]))
            n++;
        return n;
    }

    private int LeadingSpaceLength(int start)
    {
        var n = 0;
        while (start + n < _input.Length && IsSpace(_input[start + n]))
            n++;
        return n;
    }

    private int RuneAt(int i, out int width)
    {
        if (char.IsHighSurrogate(_input[i]) && i + 1 < _input.Length && char.IsLowSurrogate(_input[i + 1]))
        {
            width = 2;
            return char.ConvertToUtf32(_input[i], _input[i + 1]);
        }
        width = 1;
        return _input[i];
    }

    private void Emit(TokenKind kind)
    {
        _tokens.Add(new Token(kind, _start, _input[_start.._pos], LineAt(_start)));
        _start = _pos;
    }

    private State Error(string message)
    {
        _tokens.Add(new Token(TokenKind.Error, _start, message, LineAt(_start)));
        return State.Done;
    }

    /// <summary>1-based line of a position; items arrive in order, so newlines are counted incrementally.</summary>
    private int LineAt(int pos)
    {
        if (pos < _countedTo)
        {
            _countedTo = 0;
            _countedLine = 1;
        }
        for (; _countedTo < pos; _countedTo++)
        {
            if (_input[_countedTo] == '\n')
                _countedLine++;
        }
        return _countedLine;
    }

    internal static bool IsSpace(int c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    internal static bool IsAlphaNumeric(int r)
    {
        if (r == '_')
            return true;
        if (!System.Text.Rune.IsValid(r))
            return false;
        var rune = new System.Text.Rune(r);
        return System.Text.Rune.IsLetter(rune) || System.Text.Rune.IsDigit(rune);
    }
}
