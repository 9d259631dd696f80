using System.Net;

namespace Berth.Engine.Networking.Dns;

/// <summary>
/// A container's /etc/resolv.conf and, with the embedded server, the nameservers it forwards to
/// (port 53; empty in the other modes).
/// </summary>
public sealed record ContainerResolvConf(string Content, IReadOnlyList<IPEndPoint> Upstreams);
