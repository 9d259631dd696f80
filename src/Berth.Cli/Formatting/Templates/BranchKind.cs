namespace Berth.Cli.Formatting.Templates;

/// <summary>The control structures that take a pipeline, a body and an optional else branch.</summary>
internal enum BranchKind
{
    If,
    Range,
    With,
}
