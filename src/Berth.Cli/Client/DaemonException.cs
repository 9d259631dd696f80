namespace Berth.Cli.Client;

/// <summary>A non-2xx answer from the daemon; <see cref="Exception.Message"/> is its {"message"}.</summary>
internal sealed class DaemonException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public bool IsNotFound => StatusCode == 404;

    /// <summary>How docker prints daemon errors.</summary>
    public string Display => "Error response from daemon: " + Message;
}
