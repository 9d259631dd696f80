namespace Berth.Protocol.Streams;

/// <summary>The first byte of a multiplexed frame header.</summary>
public enum StdStreamType : byte
{
    Stdin = 0,
    Stdout = 1,
    Stderr = 2,
    SystemErr = 3,
}
