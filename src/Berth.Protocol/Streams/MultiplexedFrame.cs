namespace Berth.Protocol.Streams;

public readonly record struct MultiplexedFrame(StdStreamType Stream, ReadOnlyMemory<byte> Payload);
