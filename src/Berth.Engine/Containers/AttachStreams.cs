namespace Berth.Engine.Containers;

/// <summary>Which of a container's streams an attach wants.</summary>
public sealed record AttachStreams(bool Stdin, bool Stdout, bool Stderr);
