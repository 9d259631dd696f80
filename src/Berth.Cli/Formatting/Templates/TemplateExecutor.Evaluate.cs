namespace Berth.Cli.Formatting.Templates;

/// <summary>Pipelines, commands, fields and constants.</summary>
internal sealed partial class TemplateExecutor
{
    /// <summary>Runs the commands, each receiving the previous result as its final argument, then binds declarations.</summary>
    private object? EvalPipeline(object? dot, PipeNode? pipe)
    {
        if (pipe is null)
            return null;
        _node = pipe;
        object? value = null;
        var hasFinal = false;
        foreach (var command in pipe.Cmds)
        {
            value = EvalCommand(dot, command, value, hasFinal);
            hasFinal = true;
            // A nil interface{} result is no value at all.
            value = BuiltinFunctions.IndirectInterface(value);
        }
        foreach (var variable in pipe.Decl)
        {
            if (pipe.IsAssign)
                SetVar(variable.Ident[0], value);
            else
                Push(variable.Ident[0], value);
        }
        return value;
    }

    private object? EvalCommand(object? dot, CommandNode command, object? final, bool hasFinal)
    {
        var first = command.Args[0];
        switch (first)
        {
            case FieldNode field:
                return EvalFieldNode(dot, field, command.Args, final, hasFinal);
            case ChainNode chain:
                return EvalChainNode(dot, chain, command.Args, final, hasFinal);
            case IdentifierNode identifier:
                return EvalFunction(dot, identifier, command, command.Args, final, hasFinal);
            case PipeNode pipe:
                NotAFunction(command.Args, hasFinal);
                return EvalPipeline(dot, pipe);
            case VariableNode variable:
                return EvalVariableNode(dot, variable, command.Args, final, hasFinal);
        }
        _node = first;
        NotAFunction(command.Args, hasFinal);
        var literal = (LiteralNode)first;
        return literal.Kind switch
        {
            LiteralKind.Bool => literal.Bool,
            LiteralKind.Dot => dot,
            LiteralKind.Nil => throw Error("nil is not a command"),
            LiteralKind.Number => IdealConstant(literal),
            _ => literal.StringValue,
        };
    }

    private void NotAFunction(List<Node> args, bool hasFinal)
    {
        if (args.Count > 1 || hasFinal)
            throw Error("can't give argument to non-function " + args[0]);
    }

    /// <summary>A constant with no parameter type to guide it: float if written like one, else int.</summary>
    private object? IdealConstant(LiteralNode constant)
    {
        _node = constant;
        var text = constant.Text;
        var isHexInt = text.Length > 2 && text[0] == '0' && text[1] is 'x' or 'X' && text.IndexOfAny(['p', 'P']) < 0;
        if (constant.IsFloat && !isHexInt && !constant.IsChar && text.IndexOfAny(['.', 'e', 'E', 'p', 'P']) >= 0)
            return constant.Float;
        if (constant.IsInt)
            return constant.Int;
        if (constant.IsUint)
            throw Error(text + " overflows int");
        return null;
    }

    private object? EvalFieldNode(object? dot, FieldNode field, List<Node>? args, object? final, bool hasFinal)
    {
        _node = field;
        return EvalFieldChain(dot, dot, field, field.Ident, args, final, hasFinal);
    }

    private object? EvalChainNode(object? dot, ChainNode chain, List<Node>? args, object? final, bool hasFinal)
    {
        _node = chain;
        if (chain.Inner is LiteralNode { Kind: LiteralKind.Nil })
            throw Error("indirection through explicit nil in " + chain);
        var receiver = EvalUntyped(dot, chain.Inner);
        return EvalFieldChain(dot, receiver, chain, chain.Fields, args, final, hasFinal);
    }

    private object? EvalVariableNode(object? dot, VariableNode variable, List<Node>? args, object? final, bool hasFinal)
    {
        _node = variable;
        var value = VarValue(variable.Ident[0]);
        if (variable.Ident.Length == 1)
        {
            if (args is not null)
                NotAFunction(args, hasFinal);
            return value;
        }
        return EvalFieldChain(dot, value, variable, variable.Ident[1..], args, final, hasFinal);
    }

    private object? EvalFieldChain(object? dot, object? receiver, Node node, IReadOnlyList<string> ident, List<Node>? args, object? final, bool hasFinal)
    {
        for (var i = 0; i < ident.Count - 1; i++)
            receiver = EvalField(dot, ident[i], node, null, null, false, receiver);
        return EvalField(dot, ident[^1], node, args, final, hasFinal, receiver);
    }

    /// <summary>.Name on a value: a map entry, or a <see cref="TemplateMethod"/> entry called with the arguments.</summary>
    private object? EvalField(object? dot, string name, Node node, List<Node>? args, object? final, bool hasFinal, object? receiver)
    {
        if (receiver is null)
            return null;
        if (receiver is GoNil)
            throw Error($"nil pointer evaluating {TemplateValues.TypeName(receiver)}.{name}");
        var hasArgs = (args is not null && args.Count > 1) || hasFinal;
        if (TemplateValues.IsMap(receiver))
        {
            var found = TemplateValues.TryGetEntry(receiver, name, out var value);
            if (found && value is TemplateMethod method)
                return CallMethod(dot, method, node, name, args, final, hasFinal);
            if (hasArgs)
                throw Error(name + " is not a method but has arguments");
            return found ? value : null;
        }
        throw Error($"can't evaluate field {name} in type {TemplateValues.TypeName(receiver)}");
    }

    private object? CallMethod(object? dot, TemplateMethod method, Node node, string name, List<Node>? args, object? final, bool hasFinal)
    {
        var values = new List<object?>();
        if (args is not null)
        {
            for (var i = 1; i < args.Count; i++)
                values.Add(EvalArg(dot, ParamKind.Any, args[i]));
        }
        if (hasFinal)
            values.Add(ValidateType(final, ParamKind.Any));
        try
        {
            return TemplateValues.Normalize(method(values));
        }
        catch (Exception ex) when (ex is not GoTemplateException)
        {
            _node = node;
            throw Error($"error calling {name}: {ex.Message}");
        }
    }

    /// <summary>A chain's receiver: evaluated with no parameter type to satisfy.</summary>
    private object? EvalUntyped(object? dot, Node node)
    {
        _node = node;
        return node switch
        {
            LiteralNode { Kind: LiteralKind.Dot } => dot,
            FieldNode field => EvalFieldNode(dot, field, [node], null, false),
            VariableNode variable => EvalVariableNode(dot, variable, null, null, false),
            PipeNode pipe => EvalPipeline(dot, pipe),
            IdentifierNode identifier => EvalFunction(dot, identifier, identifier, null, null, false),
            ChainNode chain => EvalChainNode(dot, chain, null, null, false),
            _ => throw Error($"can't handle {node} for arg of type interface {{}}"),
        };
    }
}
