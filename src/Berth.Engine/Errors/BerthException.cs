namespace Berth.Engine.Errors;

/// <summary>An engine failure with a kind (for status mapping) and Docker's message text.</summary>
public class BerthException(ErrorKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public ErrorKind Kind { get; } = kind;

    public static BerthException NotFound(string message) => new(ErrorKind.NotFound, message);
    public static BerthException Invalid(string message) => new(ErrorKind.InvalidArgument, message);
    public static BerthException Conflict(string message) => new(ErrorKind.Conflict, message);
    public static BerthException Forbidden(string message) => new(ErrorKind.Forbidden, message);
    public static BerthException Unavailable(string message) => new(ErrorKind.Unavailable, message);
    public static BerthException NotModified(string message) => new(ErrorKind.NotModified, message);
    public static BerthException System(string message, Exception? inner = null) => new(ErrorKind.System, message, inner);
}
