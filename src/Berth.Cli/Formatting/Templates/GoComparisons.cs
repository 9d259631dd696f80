namespace Berth.Cli.Formatting.Templates;

/// <summary>eq/ne/lt/le/gt/ge over basic kinds (bool, int, float64, string), as Go defines them.</summary>
internal static class GoComparisons
{
    private enum Kind { Invalid, Bool, Int, Float, String }

    public static bool Equal(object? first, object?[] others)
    {
        first = BuiltinFunctions.IndirectInterface(first);
        if (others.Length == 0)
            throw new TemplateCallException("missing argument for comparison");
        var k1 = KindOf(first);
        foreach (var raw in others)
        {
            var other = BuiltinFunctions.IndirectInterface(raw);
            var k2 = KindOf(other);
            bool truth;
            if (k1 != k2)
            {
                if (first is not null && other is not null)
                    throw new TemplateCallException(
                        $"incompatible types for comparison: {TemplateValues.TypeName(first)} and {TemplateValues.TypeName(other)}");
                truth = false;
            }
            else
            {
                switch (k1)
                {
                    case Kind.Bool or Kind.Int or Kind.Float or Kind.String:
                        truth = Equals(first, other);
                        break;
                    default:
                        truth = EqualNonBasic(first, other);
                        break;
                }
            }
            if (truth)
                return true;
        }
        return false;
    }

    public static bool Less(object? a, object? b)
    {
        a = BuiltinFunctions.IndirectInterface(a);
        b = BuiltinFunctions.IndirectInterface(b);
        var k1 = KindOf(a);
        var k2 = KindOf(b);
        if (k1 == Kind.Invalid || k2 == Kind.Invalid)
            throw new TemplateCallException("invalid type for comparison");
        if (k1 != k2)
            throw new TemplateCallException($"incompatible types for comparison: {TemplateValues.TypeName(a)} and {TemplateValues.TypeName(b)}");
        return k1 switch
        {
            Kind.Int => (long)a! < (long)b!,
            Kind.Float => (double)a! < (double)b!,
            Kind.String => string.CompareOrdinal((string)a!, (string)b!) < 0,
            _ => throw new TemplateCallException("invalid type for comparison"),
        };
    }

    public static bool LessOrEqual(object? a, object? b) => Less(a, b) || Equal(a, [b]);

    /// <summary>Maps, lists and funcs only compare with nil; anything else by identity.</summary>
    private static bool EqualNonBasic(object? a, object? b)
    {
        var aNil = a is null or GoNil;
        var bNil = b is null or GoNil;
        if (!aNil && !bNil && GoKind(a) != GoKind(b))
            throw new TemplateCallException(
                $"non-comparable types {GoFmt.Format(a)}: {TemplateValues.TypeName(a)}, {TemplateValues.TypeName(b)}: {GoFmt.Format(b)}");
        if (aNil || bNil)
            return aNil == bNil;
        if (TemplateValues.IsMap(b) || TemplateValues.IsList(b) || b is TemplateMethod)
            throw new TemplateCallException($"non-comparable type {GoFmt.Format(b)}: {TemplateValues.TypeName(b)}");
        return Equals(a, b);
    }

    private static string GoKind(object? value) =>
        TemplateValues.IsMap(value) ? "map" : TemplateValues.IsList(value) ? "slice" : value is TemplateMethod ? "func" : "struct";

    private static Kind KindOf(object? value) => value switch
    {
        bool => Kind.Bool,
        long => Kind.Int,
        double => Kind.Float,
        string => Kind.String,
        _ => Kind.Invalid,
    };
}
