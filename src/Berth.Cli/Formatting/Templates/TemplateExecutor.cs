using System.Text;
using Berth.Protocol.Formatting;

namespace Berth.Cli.Formatting.Templates;

/// <summary>
/// Runs a parsed template against data with Go's execution rules: dot and variables, control
/// structures, and errors located at the node being evaluated
/// ("template: :1:2: executing "" at &lt;.X&gt;: ...").
/// </summary>
internal sealed partial class TemplateExecutor
{
    private const int MaxTemplateDepth = 100000;

    private readonly ParsedTemplate _template;
    private readonly FunctionTable _functions;
    private readonly StringBuilder _output;
    private List<(string Name, object? Value)> _vars = [];
    private Node? _node;
    private string _name = "";
    private int _depth;

    private enum Flow { Normal, Break, Continue }

    private TemplateExecutor(ParsedTemplate template, FunctionTable functions, StringBuilder output)
    {
        _template = template;
        _functions = functions;
        _output = output;
    }

    /// <summary>Appends the output to <paramref name="output"/>; on error, what was written before it stays.</summary>
    public static void Execute(ParsedTemplate template, FunctionTable functions, object? data, StringBuilder output)
    {
        var executor = new TemplateExecutor(template, functions, output);
        var dot = TemplateValues.Normalize(data);
        executor._vars.Add(("$", dot));
        executor.Walk(dot, template.Root);
    }

    private Flow Walk(object? dot, Node node)
    {
        _node = node;
        switch (node)
        {
            case ActionNode action:
                // Variables persist to the enclosing {{end}}; a declaring action prints nothing.
                var value = EvalPipeline(dot, action.Pipe);
                if (action.Pipe.Decl.Count == 0)
                    PrintValue(action, value);
                return Flow.Normal;
            case LoopControlNode control:
                return control.IsBreak ? Flow.Break : Flow.Continue;
            case BranchNode { Kind: BranchKind.Range } range:
                return WalkRange(dot, range);
            case BranchNode branch:
                return WalkIfOrWith(dot, branch);
            case ListNode list:
                foreach (var child in list.Nodes)
                {
                    var flow = Walk(dot, child);
                    if (flow != Flow.Normal)
                        return flow;
                }
                return Flow.Normal;
            case TemplateCallNode call:
                WalkTemplate(dot, call);
                return Flow.Normal;
            case TextNode text:
                _output.Append(text.Text);
                return Flow.Normal;
            default:
                throw Error("unknown node: " + node);
        }
    }

    private Flow WalkIfOrWith(object? dot, BranchNode branch)
    {
        var mark = _vars.Count;
        try
        {
            var value = EvalPipeline(dot, branch.Pipe);
            if (TemplateValues.IsTrue(BuiltinFunctions.IndirectInterface(value)))
                return Walk(branch.Kind == BranchKind.With ? value : dot, branch.List);
            return branch.ElseList is null ? Flow.Normal : Walk(dot, branch.ElseList);
        }
        finally
        {
            Pop(mark);
        }
    }

    private Flow WalkRange(object? dot, BranchNode range)
    {
        _node = range;
        var outerMark = _vars.Count;
        try
        {
            var value = EvalPipeline(dot, range.Pipe);
            var mark = _vars.Count;
            var ran = false;

            Flow Iterate(object? index, object? element)
            {
                ran = true;
                var decl = range.Pipe.Decl;
                if (decl.Count > 0)
                {
                    if (range.Pipe.IsAssign)
                        SetVar(decl[0].Ident[0], decl.Count > 1 ? index : element);
                    else
                        SetTopVar(1, element);
                }
                if (decl.Count > 1)
                {
                    if (range.Pipe.IsAssign)
                        SetVar(decl[1].Ident[0], element);
                    else
                        SetTopVar(2, index);
                }
                try
                {
                    return Walk(element, range.List);
                }
                finally
                {
                    Pop(mark);
                }
            }

            if (TemplateValues.IsList(value))
            {
                var items = TemplateValues.Items(value!);
                for (var i = 0; i < items.Count; i++)
                {
                    if (Iterate((long)i, items[i]) == Flow.Break)
                        break;
                }
            }
            else if (TemplateValues.IsMap(value))
            {
                foreach (var (key, item) in TemplateValues.SortedEntries(value!))
                {
                    if (Iterate(key, item) == Flow.Break)
                        break;
                }
            }
            else if (value is long count)
            {
                if (range.Pipe.Decl.Count > 1)
                    throw Error($"can't use {count} to iterate over more than one variable");
                for (long i = 0; i < count; i++)
                {
                    if (Iterate(null, i) == Flow.Break)
                        break;
                }
            }
            else if (value is not (null or GoNil))
            {
                // A nil map or slice (JSON null) ranges like an empty one.
                throw Error("range can't iterate over " + GoFmt.Format(value));
            }

            if (ran || range.ElseList is null)
                return Flow.Normal;
            return Walk(dot, range.ElseList);
        }
        finally
        {
            Pop(outerMark);
        }
    }

    /// <summary>{{template "name" pipeline}}: a fresh variable scope with $ set to the pipeline's value.</summary>
    private void WalkTemplate(object? dot, TemplateCallNode call)
    {
        _node = call;
        if (!_template.Definitions.TryGetValue(call.Name, out var body))
            throw Error($"template {GoStrings.Quote(call.Name)} not defined");
        if (_depth == MaxTemplateDepth)
            throw Error($"exceeded maximum template depth ({MaxTemplateDepth})");
        var newDot = EvalPipeline(dot, call.Pipe);
        var (savedVars, savedName) = (_vars, _name);
        _vars = [("$", newDot)];
        _name = call.Name;
        _depth++;
        try
        {
            Walk(newDot, body);
        }
        finally
        {
            (_vars, _name) = (savedVars, savedName);
            _depth--;
        }
    }

    private void PrintValue(Node node, object? value)
    {
        _node = node;
        if (value is TemplateMethod)
            throw Error($"can't print {node} of type {TemplateValues.TypeName(value)}");
        _output.Append(value is null ? "<no value>" : GoFmt.Format(value));
    }

    private void Push(string name, object? value) => _vars.Add((name, value));

    private void Pop(int mark) => _vars.RemoveRange(mark, _vars.Count - mark);

    private void SetVar(string name, object? value)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Name == name)
            {
                _vars[i] = (name, value);
                return;
            }
        }
        throw Error("undefined variable: " + name);
    }

    /// <summary>Overwrites the n-th variable from the top (range's per-iteration variables).</summary>
    private void SetTopVar(int n, object? value) => _vars[^n] = (_vars[^n].Name, value);

    private object? VarValue(string name)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Name == name)
                return _vars[i].Value;
        }
        throw Error("undefined variable: " + name);
    }

    /// <summary>An execution error located at the current node, in Go's format.</summary>
    private GoTemplateException Error(string message)
    {
        if (_node is null)
            return new GoTemplateException($"template: {_name}: {message}");
        var prefix = _template.Text[.._node.Pos];
        var lineStart = prefix.LastIndexOf('\n') + 1;
        var line = 1 + prefix.Count(c => c == '\n');
        var column = GoStrings.Utf8Length(prefix[lineStart..]);
        return new GoTemplateException($"template: :{line}:{column}: executing {GoStrings.Quote(_name)} at <{_node}>: {message}");
    }
}
