using Berth.Protocol.Streams;

namespace Berth.Engine.Containers;

/// <summary>
/// What an attach does with the client's input: the container's TTY and StdinOnce settings, and
/// the detach keys watched for in a TTY session.
/// </summary>
public sealed record AttachInput(bool Tty, bool StdinOnce, DetachKeys DetachKeys);
