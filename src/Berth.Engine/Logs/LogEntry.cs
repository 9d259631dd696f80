using Berth.Protocol.Streams;

namespace Berth.Engine.Logs;

/// <summary>One line (or partial line) a container wrote, with when and on which stream.</summary>
public readonly record struct LogEntry(DateTimeOffset Timestamp, StdStreamType Stream, ReadOnlyMemory<byte> Data);
