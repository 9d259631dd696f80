namespace Berth.Cli.Formatting.Templates;

/// <summary>
/// The Go parameter types template functions declare. They decide how a constant argument is read
/// and which values are accepted ("wrong type for value; expected string; got int").
/// </summary>
internal enum ParamKind
{
    /// <summary>interface{}: any value; nil arrives as null.</summary>
    Any,

    /// <summary>reflect.Value: the raw value, including missing (null) and <see cref="GoNil"/>.</summary>
    Value,

    String,
    Int,
    Bool,

    /// <summary>[]string.</summary>
    StringList,
}
