namespace Berth.Cli.Formatting.Templates;

/// <summary>The readings of a numeric constant (Go's NumberNode): "1" is int, uint and float at once.</summary>
internal readonly record struct GoNumber(bool IsInt, bool IsUint, bool IsFloat, bool IsChar, long Int, ulong Uint, double Float);
