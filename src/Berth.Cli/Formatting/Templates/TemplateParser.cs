using Berth.Protocol.Formatting;

namespace Berth.Cli.Formatting.Templates;

/// <summary>
/// Builds the parse tree the way Go's text/template/parse does, including its error texts
/// ("template: :1: function "x" not defined") and its choice of line number for them.
/// </summary>
internal sealed partial class TemplateParser
{
    private const string ParseName = "";

    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly Func<string, bool> _hasFunction;
    private readonly Dictionary<string, ListNode> _definitions = [];
    private int _cursor;
    private int _furthest;
    private List<string> _vars = ["$"];
    private int _rangeDepth;
    private int _actionLine;

    private TemplateParser(string text, Func<string, bool> hasFunction)
    {
        _text = text;
        _tokens = TemplateLexer.Tokenize(text);
        _hasFunction = hasFunction;
    }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="GoTemplateException"/> on syntax errors.</summary>
    public static ParsedTemplate Parse(string text, Func<string, bool> hasFunction)
    {
        var parser = new TemplateParser(text, hasFunction);
        var root = parser.ParseTop();
        parser.AddTemplate(ParseName, root);
        return new ParsedTemplate(text, parser._definitions.TryGetValue(ParseName, out var main) ? main : root, parser._definitions);
    }

    private ListNode ParseTop()
    {
        var root = new ListNode(Peek().Pos);
        while (Peek().Kind != TokenKind.Eof)
        {
            if (Peek().Kind == TokenKind.LeftDelim)
            {
                var mark = _cursor;
                Next();
                if (NextNonSpace().Kind == TokenKind.Define)
                {
                    ParseDefinition();
                    continue;
                }
                _cursor = mark;
            }
            var node = TextOrAction();
            if (node is MarkerNode)
                Errorf("unexpected " + node);
            root.Nodes.Add(node);
        }
        return root;
    }

    /// <summary>{{define "name"}} ... {{end}}: a separate template with its own variable scope.</summary>
    private void ParseDefinition()
    {
        const string context = "define clause";
        var nameToken = NextNonSpace();
        if (nameToken.Kind is not (TokenKind.String or TokenKind.RawString))
            Unexpected(nameToken, context);
        var name = UnquoteOrFail(nameToken.Value);
        Expect(TokenKind.RightDelim, context);
        var (savedVars, savedDepth) = (_vars, _rangeDepth);
        (_vars, _rangeDepth) = (["$"], 0);
        var (body, end) = ItemList();
        if (end is not MarkerNode { IsEnd: true })
            Errorf($"unexpected {end} in {context}");
        AddTemplate(name, body);
        (_vars, _rangeDepth) = (savedVars, savedDepth);
    }

    private void AddTemplate(string name, ListNode body)
    {
        if (!_definitions.TryGetValue(name, out var existing) || existing.IsEmpty)
        {
            _definitions[name] = body;
            return;
        }
        if (!body.IsEmpty)
            Errorf("template: multiple definition of template " + GoStrings.Quote(name));
    }

    /// <summary>textOrAction*, ending at {{end}} or {{else}}, which is returned separately.</summary>
    private (ListNode List, Node End) ItemList()
    {
        var list = new ListNode(PeekNonSpace().Pos);
        while (PeekNonSpace().Kind != TokenKind.Eof)
        {
            var node = TextOrAction();
            if (node is MarkerNode)
                return (list, node);
            list.Nodes.Add(node);
        }
        Errorf("unexpected EOF");
        return default;
    }

    private Node TextOrAction()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Text:
                return new TextNode(token.Pos, token.Value);
            case TokenKind.LeftDelim:
                _actionLine = token.Line;
                try
                {
                    return Action();
                }
                finally
                {
                    _actionLine = 0;
                }
            default:
                Unexpected(token, "input");
                return null!;
        }
    }

    private Node Action()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Block:
                return BlockControl();
            case TokenKind.Break:
            case TokenKind.Continue:
                return LoopControl(token);
            case TokenKind.Else:
                return ElseControl();
            case TokenKind.End:
                return new MarkerNode(Expect(TokenKind.RightDelim, "end").Pos, isEnd: true);
            case TokenKind.If:
                return Control(BranchKind.If);
            case TokenKind.Range:
                return Control(BranchKind.Range);
            case TokenKind.Template:
                return TemplateControl();
            case TokenKind.With:
                return Control(BranchKind.With);
        }
        Backup();
        var start = Peek();
        // Variables declared here persist until the enclosing {{end}}.
        return new ActionNode(start.Pos, Pipeline("command", TokenKind.RightDelim));
    }

    private Node LoopControl(Token keyword)
    {
        var name = keyword.Kind == TokenKind.Break ? "{{break}}" : "{{continue}}";
        var token = NextNonSpace();
        if (token.Kind != TokenKind.RightDelim)
            Unexpected(token, name);
        if (_rangeDepth == 0)
            Errorf(name + " outside {{range}}");
        return new LoopControlNode(keyword.Pos, keyword.Kind == TokenKind.Break);
    }

    private Node ElseControl()
    {
        // "{{else if" and "{{else with" leave the keyword for the enclosing control to chain.
        var peek = PeekNonSpace();
        if (peek.Kind is TokenKind.If or TokenKind.With)
            return new MarkerNode(peek.Pos, isEnd: false);
        return new MarkerNode(Expect(TokenKind.RightDelim, "else").Pos, isEnd: false);
    }

    private Node Control(BranchKind kind)
    {
        var context = kind switch { BranchKind.If => "if", BranchKind.Range => "range", _ => "with" };
        var varCount = _vars.Count;
        var pipe = Pipeline(context, TokenKind.RightDelim);
        if (kind == BranchKind.Range)
            _rangeDepth++;
        var (list, next) = ItemList();
        if (kind == BranchKind.Range)
            _rangeDepth--;
        ListNode? elseList = null;
        if (next is MarkerNode { IsEnd: false })
        {
            if (kind == BranchKind.If && Peek().Kind == TokenKind.If)
            {
                Next();
                elseList = new ListNode(next.Pos);
                elseList.Nodes.Add(Control(BranchKind.If));
            }
            else if (kind == BranchKind.With && Peek().Kind == TokenKind.With)
            {
                Next();
                elseList = new ListNode(next.Pos);
                elseList.Nodes.Add(Control(BranchKind.With));
            }
            else
            {
                (elseList, next) = ItemList();
                if (next is not MarkerNode { IsEnd: true })
                    Errorf("expected end; found " + next);
            }
        }
        _vars.RemoveRange(varCount, _vars.Count - varCount);
        return new BranchNode(pipe.Pos, kind, pipe, list, elseList);
    }

    private Node TemplateControl()
    {
        const string context = "template clause";
        var token = NextNonSpace();
        var name = TemplateName(token, context);
        PipeNode? pipe = null;
        if (NextNonSpace().Kind != TokenKind.RightDelim)
        {
            Backup();
            pipe = Pipeline(context, TokenKind.RightDelim);
        }
        return new TemplateCallNode(token.Pos, name, pipe);
    }

    /// <summary>{{block "name" pipeline}} body {{end}}: defines "name" and invokes it in place.</summary>
    private Node BlockControl()
    {
        const string context = "block clause";
        var token = NextNonSpace();
        var name = TemplateName(token, context);
        var pipe = Pipeline(context, TokenKind.RightDelim);
        var (savedVars, savedDepth) = (_vars, _rangeDepth);
        (_vars, _rangeDepth) = (["$"], 0);
        var (body, end) = ItemList();
        if (end is not MarkerNode { IsEnd: true })
            Errorf($"unexpected {end} in {context}");
        AddTemplate(name, body);
        (_vars, _rangeDepth) = (savedVars, savedDepth);
        return new TemplateCallNode(token.Pos, name, pipe);
    }

    private string TemplateName(Token token, string context)
    {
        if (token.Kind is not (TokenKind.String or TokenKind.RawString))
            Unexpected(token, context);
        return UnquoteOrFail(token.Value);
    }

    private string UnquoteOrFail(string literal)
    {
        var error = GoLiterals.Unquote(literal, out var value);
        if (error is not null)
            Errorf(error);
        return value;
    }
}
