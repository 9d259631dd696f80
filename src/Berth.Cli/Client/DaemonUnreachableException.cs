namespace Berth.Cli.Client;

/// <summary>The daemon's socket could not be reached at all.</summary>
internal sealed class DaemonUnreachableException(DaemonEndpoint endpoint, Exception inner)
    : Exception($"Cannot connect to the Berth daemon at {endpoint.Original}. Is the berth daemon running?", inner);
