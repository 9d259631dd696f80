namespace Berth.Engine.Errors;

/// <summary>The handful of error kinds the API maps to HTTP status codes in one place (as Docker's errdefs).</summary>
public enum ErrorKind
{
    InvalidArgument,
    NotFound,
    Conflict,
    Forbidden,
    Unavailable,
    NotModified,
    System,
}
