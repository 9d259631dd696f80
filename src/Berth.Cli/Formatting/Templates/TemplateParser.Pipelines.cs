namespace Berth.Cli.Formatting.Templates;

/// <summary>Pipelines, commands and operands, and the token stream the parser walks.</summary>
internal sealed partial class TemplateParser
{
    /// <summary>declarations? command ('|' command)*, ending at <paramref name="end"/> (consumed).</summary>
    private PipeNode Pipeline(string context, TokenKind end)
    {
        var pipe = new PipeNode(PeekNonSpace().Pos);
        while (true)
        {
            if (PeekNonSpace().Kind != TokenKind.Variable)
                break;
            var mark = _cursor;
            var variable = Next();
            var afterVariable = Peek();
            var next = PeekNonSpace();
            if (next.Kind is TokenKind.Assign or TokenKind.Declare)
            {
                pipe.IsAssign = next.Kind == TokenKind.Assign;
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(variable.Pos, variable.Value));
                _vars.Add(variable.Value);
                break;
            }
            if (next.Kind == TokenKind.Char && next.Value == ",")
            {
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(variable.Pos, variable.Value));
                _vars.Add(variable.Value);
                if (context == "range" && pipe.Decl.Count < 2)
                {
                    if (PeekNonSpace().Kind is TokenKind.Variable or TokenKind.RightDelim or TokenKind.RightParen)
                        continue; // the second variable of "range $i, $e :="
                    Errorf("range can only initialize variables");
                }
                Errorf("too many declarations in " + context);
            }
            // Not a declaration: "$x" is the first operand.
            _ = afterVariable;
            _cursor = mark;
            break;
        }

        while (true)
        {
            var token = NextNonSpace();
            if (token.Kind == end)
            {
                CheckPipeline(pipe, context);
                return pipe;
            }
            switch (token.Kind)
            {
                case TokenKind.Bool or TokenKind.CharConstant or TokenKind.Complex or TokenKind.Dot or TokenKind.Field
                    or TokenKind.Identifier or TokenKind.Number or TokenKind.Nil or TokenKind.RawString or TokenKind.String
                    or TokenKind.Variable or TokenKind.LeftParen:
                    Backup();
                    pipe.Cmds.Add(Command());
                    break;
                default:
                    Unexpected(token, context);
                    break;
            }
        }
    }

    private void CheckPipeline(PipeNode pipe, string context)
    {
        if (pipe.Cmds.Count == 0)
            Errorf("missing value for " + context);
        // Only the first stage may start with a value that is not executable.
        for (var i = 1; i < pipe.Cmds.Count; i++)
        {
            if (pipe.Cmds[i].Args[0] is LiteralNode)
                Errorf($"non executable command in pipeline stage {i + 1}");
        }
    }

    /// <summary>operand (space operand)*, up to '|' (consumed) or a closing delimiter (left in place).</summary>
    private CommandNode Command()
    {
        var command = new CommandNode(PeekNonSpace().Pos);
        while (true)
        {
            PeekNonSpace();
            var operand = Operand();
            if (operand is not null)
                command.Args.Add(operand);
            var token = Next();
            if (token.Kind == TokenKind.Space)
                continue;
            if (token.Kind is TokenKind.RightDelim or TokenKind.RightParen)
                Backup();
            else if (token.Kind != TokenKind.Pipe)
                Unexpected(token, "operand");
            break;
        }
        if (command.Args.Count == 0)
            Errorf("empty command");
        return command;
    }

    /// <summary>term .Field*</summary>
    private Node? Operand()
    {
        var node = Term();
        if (node is null)
            return null;
        if (Peek().Kind != TokenKind.Field)
            return node;
        var chain = new ChainNode(Peek().Pos, node);
        while (Peek().Kind == TokenKind.Field)
            chain.Fields.Add(Next().Value[1..]);
        // Fields after a field or variable just extend it; after a constant they are an error.
        switch (node)
        {
            case FieldNode:
                return new FieldNode(chain.Pos, chain.ToString());
            case VariableNode:
                return new VariableNode(chain.Pos, chain.ToString());
            case LiteralNode literal:
                Errorf("unexpected . after term " + Protocol.Formatting.GoStrings.Quote(literal.ToString()));
                return null;
            default:
                return chain;
        }
    }

    private Node? Term()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                if (!_hasFunction(token.Value))
                    Errorf("function " + Protocol.Formatting.GoStrings.Quote(token.Value) + " not defined");
                return new IdentifierNode(token.Pos, token.Value);
            case TokenKind.Dot:
                return LiteralNode.Dot(token.Pos);
            case TokenKind.Nil:
                return LiteralNode.Nil(token.Pos);
            case TokenKind.Variable:
                if (!_vars.Contains(token.Value))
                    Errorf("undefined variable " + Protocol.Formatting.GoStrings.Quote(token.Value));
                return new VariableNode(token.Pos, token.Value);
            case TokenKind.Field:
                return new FieldNode(token.Pos, token.Value);
            case TokenKind.Bool:
                return LiteralNode.Boolean(token.Pos, token.Value == "true");
            case TokenKind.CharConstant or TokenKind.Complex or TokenKind.Number:
                var error = GoLiterals.ParseNumber(token.Value, token.Kind, out var number);
                if (error is not null)
                    Errorf(error);
                return LiteralNode.Number(token.Pos, token.Value, number);
            case TokenKind.LeftParen:
                return Pipeline("parenthesized pipeline", TokenKind.RightParen);
            case TokenKind.String or TokenKind.RawString:
                return LiteralNode.String(token.Pos, token.Value, UnquoteOrFail(token.Value));
        }
        Backup();
        return null;
    }

    /// <summary>The next item; past the end the final EOF (or error) item repeats, as Go's lexer does.</summary>
    private Token Next()
    {
        var index = Math.Min(_cursor, _tokens.Count - 1);
        _furthest = Math.Max(_furthest, index);
        _cursor = index + 1;
        return _tokens[index];
    }

    private void Backup() => _cursor--;

    private Token Peek()
    {
        var index = Math.Min(_cursor, _tokens.Count - 1);
        _furthest = Math.Max(_furthest, index);
        return _tokens[index];
    }

    private Token NextNonSpace()
    {
        Token token;
        do
            token = Next();
        while (token.Kind == TokenKind.Space);
        return token;
    }

    /// <summary>Skips spaces and returns the next token without consuming it.</summary>
    private Token PeekNonSpace()
    {
        var token = NextNonSpace();
        Backup();
        return token;
    }

    private Token Expect(TokenKind kind, string context)
    {
        var token = NextNonSpace();
        if (token.Kind != kind)
            Unexpected(token, context);
        return token;
    }

    private void Unexpected(Token token, string context)
    {
        if (token.Kind == TokenKind.Error)
        {
            var extra = "";
            if (_actionLine != 0 && _actionLine != token.Line)
            {
                extra = $" in action started at {ParseName}:{_actionLine}";
                if (token.Value.EndsWith(" action", StringComparison.Ordinal))
                    extra = extra[" in action".Length..];
            }
            Errorf(token + extra);
        }
        Errorf($"unexpected {token} in {context}");
    }

    /// <summary>Go reports the line of the furthest item read from the lexer.</summary>
    private void Errorf(string message)
    {
        var line = _tokens[Math.Min(_furthest, _tokens.Count - 1)].Line;
        throw new GoTemplateException($"template: {ParseName}:{line}: {message}");
    }
}
