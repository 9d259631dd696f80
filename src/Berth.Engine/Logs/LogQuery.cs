namespace Berth.Engine.Logs;

/// <summary>GET /containers/{id}/logs options.</summary>
public sealed record LogQuery(bool Stdout, bool Stderr, bool Follow, int? Tail, DateTimeOffset? Since, DateTimeOffset? Until);
