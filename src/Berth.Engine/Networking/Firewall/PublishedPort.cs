namespace Berth.Engine.Networking.Firewall;

/// <summary>One DNAT mapping: host address (0 = any local address) and port to a container's address and port.</summary>
public readonly record struct PublishedPort(string Protocol, uint HostIp, int HostPort, uint ContainerIp, int ContainerPort);
