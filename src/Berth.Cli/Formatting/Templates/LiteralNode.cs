namespace Berth.Cli.Formatting.Templates;

/// <summary>
/// A constant term. Numbers keep every reading Go's parser derives (int, uint, float), because the
/// reading used depends on the parameter the constant is passed to.
/// </summary>
internal sealed class LiteralNode : Node
{
    private LiteralNode(int pos, LiteralKind kind, string text) : base(pos)
    {
        Kind = kind;
        Text = text;
    }

    public LiteralKind Kind { get; }

    /// <summary>Source text: "true", ".", "nil", the number as written, or the quoted string.</summary>
    public string Text { get; }

    public bool Bool { get; private init; }
    public string StringValue { get; private init; } = "";
    public bool IsInt { get; private init; }
    public bool IsUint { get; private init; }
    public bool IsFloat { get; private init; }
    public bool IsChar { get; private init; }
    public long Int { get; private init; }
    public ulong Uint { get; private init; }
    public double Float { get; private init; }

    public static LiteralNode Dot(int pos) => new(pos, LiteralKind.Dot, ".");

    public static LiteralNode Nil(int pos) => new(pos, LiteralKind.Nil, "nil");

    public static LiteralNode Boolean(int pos, bool value) => new(pos, LiteralKind.Bool, value ? "true" : "false") { Bool = value };

    public static LiteralNode String(int pos, string quoted, string value) => new(pos, LiteralKind.String, quoted) { StringValue = value };

    public static LiteralNode Number(int pos, string text, GoNumber number) => new(pos, LiteralKind.Number, text)
    {
        IsInt = number.IsInt,
        IsUint = number.IsUint,
        IsFloat = number.IsFloat,
        IsChar = number.IsChar,
        Int = number.Int,
        Uint = number.Uint,
        Float = number.Float,
    };

    public override string ToString() => Text;
}
