namespace Berth.Cli.Formatting.Templates;

/// <summary>
/// Present-but-nil values. C# null stands for Go's invalid reflect.Value (a missing map key, printed
/// "&lt;no value&gt;"); these stand for a nil that exists: an interface{} map/list element (which a
/// pipeline's result collapses to invalid) and a typed nil pointer from JSON null (printed "&lt;nil&gt;").
/// </summary>
internal sealed class GoNil
{
    private GoNil(bool isPointer) => IsPointer = isPointer;

    /// <summary>A nil interface{} held in a map or slice.</summary>
    public static GoNil Interface { get; } = new(false);

    /// <summary>A nil pointer/slice/map from typed data (JSON null in inspect output).</summary>
    public static GoNil Pointer { get; } = new(true);

    public bool IsPointer { get; }

    public override string ToString() => "<nil>";
}
