namespace Berth.Cli.Formatting.Templates;

/// <summary>Function calls and the typing of their arguments.</summary>
internal sealed partial class TemplateExecutor
{
    private object? EvalFunction(object? dot, IdentifierNode identifier, Node command, List<Node>? args, object? final, bool hasFinal)
    {
        _node = identifier;
        var function = _functions.Find(identifier.Name)
            ?? throw Error(Protocol.Formatting.GoStrings.Quote(identifier.Name) + " is not a defined function");
        return EvalCall(dot, function, command, args, final, hasFinal);
    }

    /// <summary>Checks the argument count, evaluates arguments against the parameter types, and calls.</summary>
    private object? EvalCall(object? dot, TemplateFunction function, Node node, List<Node>? args, object? final, bool hasFinal)
    {
        var name = function.Name;
        var argNodes = args is null ? [] : args.GetRange(1, args.Count - 1);
        var count = argNodes.Count + (hasFinal ? 1 : 0);
        var fixedCount = argNodes.Count;
        if (function.IsVariadic)
        {
            fixedCount = function.Parameters.Count;
            if (count < fixedCount)
                throw Error($"wrong number of args for {name}: want at least {fixedCount} got {argNodes.Count}");
        }
        else if (count != function.Parameters.Count)
        {
            throw Error($"wrong number of args for {name}: want {function.Parameters.Count} got {count}");
        }

        if (function.ShortCircuits)
        {
            // and/or return the first deciding argument without evaluating the rest.
            object? value = null;
            foreach (var argNode in argNodes)
            {
                value = EvalArg(dot, ParamKind.Value, argNode);
                if (TemplateValues.IsTrue(BuiltinFunctions.IndirectInterface(value)) == (name == "or"))
                    return value;
            }
            return hasFinal ? final : value;
        }

        var argv = new object?[count];
        var i = 0;
        for (; i < fixedCount && i < argNodes.Count; i++)
            argv[i] = EvalArg(dot, function.Parameters[i], argNodes[i]);
        if (function.Variadic is { } variadic)
        {
            for (; i < argNodes.Count; i++)
                argv[i] = EvalArg(dot, variadic, argNodes[i]);
        }
        if (hasFinal)
        {
            var kind = function.Variadic is { } tail && count - 1 >= fixedCount ? tail : function.Parameters[count - 1];
            argv[i] = ValidateType(final, kind);
        }
        try
        {
            return TemplateValues.Normalize(function.Invoke(argv));
        }
        catch (TemplateCallException ex)
        {
            _node = node;
            throw Error($"error calling {name}: {ex.Message}");
        }
    }

    /// <summary>Evaluates an argument for a parameter; constants are read according to the parameter type.</summary>
    private object? EvalArg(object? dot, ParamKind kind, Node node)
    {
        _node = node;
        switch (node)
        {
            case LiteralNode { Kind: LiteralKind.Dot }:
                return ValidateType(dot, kind);
            case LiteralNode { Kind: LiteralKind.Nil }:
                if (kind is ParamKind.Any or ParamKind.Value or ParamKind.StringList)
                    return kind == ParamKind.StringList ? Array.Empty<string>() : null;
                throw Error("cannot assign nil to " + TemplateFunction.KindName(kind));
            case FieldNode field:
                return ValidateType(EvalFieldNode(dot, field, [node], null, false), kind);
            case VariableNode variable:
                return ValidateType(EvalVariableNode(dot, variable, null, null, false), kind);
            case PipeNode pipe:
                return ValidateType(EvalPipeline(dot, pipe), kind);
            case IdentifierNode identifier:
                return ValidateType(EvalFunction(dot, identifier, identifier, null, null, false), kind);
            case ChainNode chain:
                return ValidateType(EvalChainNode(dot, chain, null, null, false), kind);
        }

        var literal = (LiteralNode)node;
        switch (kind)
        {
            case ParamKind.Bool:
                return literal.Kind == LiteralKind.Bool ? literal.Bool : throw Error("expected bool; found " + node);
            case ParamKind.Int:
                return literal.Kind == LiteralKind.Number && literal.IsInt ? literal.Int : throw Error("expected integer; found " + node);
            case ParamKind.String:
                return literal.Kind == LiteralKind.String ? literal.StringValue : throw Error("expected string; found " + node);
            case ParamKind.Any or ParamKind.Value:
                return literal.Kind switch
                {
                    LiteralKind.Bool => literal.Bool,
                    LiteralKind.Number => IdealConstant(literal),
                    _ => literal.StringValue,
                };
            default:
                throw Error($"can't handle {node} for arg of type {TemplateFunction.KindName(kind)}");
        }
    }

    /// <summary>Go's assignability check of a computed value against a parameter type.</summary>
    private object? ValidateType(object? value, ParamKind kind)
    {
        if (value is null)
        {
            return kind switch
            {
                ParamKind.Any or ParamKind.Value => null,
                ParamKind.StringList => Array.Empty<string>(),
                _ => throw Error("invalid value; expected " + TemplateFunction.KindName(kind)),
            };
        }
        switch (kind)
        {
            case ParamKind.Value:
                return value;
            case ParamKind.Any:
                return BuiltinFunctions.IndirectInterface(value);
            case ParamKind.String when value is string:
            case ParamKind.Int when value is long:
            case ParamKind.Bool when value is bool:
                return value;
            case ParamKind.StringList when value is not GoNil && TemplateValues.IsStringList(value):
                return TemplateValues.Items(value).Cast<string>().ToArray();
            default:
                throw Error($"wrong type for value; expected {TemplateFunction.KindName(kind)}; got {TemplateValues.TypeName(value)}");
        }
    }
}
