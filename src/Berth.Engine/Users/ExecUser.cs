namespace Berth.Engine.Users;

/// <summary>The numeric identity a container process runs as.</summary>
public sealed record ExecUser(uint Uid, uint Gid, IReadOnlyList<uint> AdditionalGids, string Home);
