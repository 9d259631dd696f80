namespace Berth.Cli.Formatting.Templates;

/// <summary>The constant terms: true/false, ".", nil, numbers and strings.</summary>
internal enum LiteralKind
{
    Bool,
    Dot,
    Nil,
    Number,
    String,
}
