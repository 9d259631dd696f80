using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Berth.Engine.Errors;
using Berth.Engine.Networking.Ipam;

namespace Berth.Engine.Networking;

/// <summary>
/// A host port held for a published container port: berthd binds (and for TCP listens on) it, as
/// docker-proxy does, so no other program can take it and an already-taken port fails the start.
/// Traffic never reaches this socket — the DNAT rules send it to the container first.
/// </summary>
public sealed class PortReservation : IDisposable
{
    private const int SolSocket = 1, SoReuseAddr = 2;
    private readonly Socket _socket;

    private PortReservation(Socket socket, string protocol, uint hostIp, int hostPort)
    {
        _socket = socket;
        Protocol = protocol;
        HostIp = hostIp;
        HostPort = hostPort;
    }

    public string Protocol { get; }
    public uint HostIp { get; }
    public int HostPort { get; }

    /// <summary>
    /// Binds <paramref name="hostIp"/> ("" or 0.0.0.0 for every address) and a port out of
    /// <paramref name="hostPort"/>: "" or "0" for an ephemeral one, "8080", or a range "8000-8010".
    /// </summary>
    public static PortReservation Reserve(string protocol, string hostIp, string hostPort, string endpointName)
    {
        uint ip = 0;
        if (hostIp is not ("" or "0.0.0.0") && !Ipv4Subnet.TryParseAddress(hostIp, out ip))
            throw BerthException.Invalid($"invalid host IP address {hostIp} in port binding");
        var (low, high) = ParseRange(hostPort);
        SocketException? last = null;
        for (var port = low; port <= high; port++)
        {
            var socket = protocol == "udp"
                ? new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)
                : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                // SO_REUSEADDR alone, as Go's listeners (docker-proxy): .NET's ReuseAddress would add
                // SO_REUSEPORT, which lets a second listener share the port.
                if (protocol != "udp") socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
                socket.Bind(new IPEndPoint(Ipv4Subnet.ToAddress(ip), port));
                if (protocol != "udp") socket.Listen(1);
                var bound = ((IPEndPoint)socket.LocalEndPoint!).Port;
                return new PortReservation(socket, protocol, ip, bound);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
                if (e.SocketErrorCode != SocketError.AddressAlreadyInUse) break;
            }
        }
        var shown = $"{(ip == 0 ? "0.0.0.0" : hostIp)}:{hostPort}";
        throw last?.SocketErrorCode == SocketError.AddressAlreadyInUse || last is null
            ? BerthException.System($"driver failed programming external connectivity on endpoint {endpointName}: Bind for {shown} failed: port is already allocated")
            : BerthException.System($"driver failed programming external connectivity on endpoint {endpointName}: listen {protocol} {shown}: {last.Message}");
    }

    private static (int Low, int High) ParseRange(string text)
    {
        if (text is "" or "0") return (0, 0);
        var dash = text.IndexOf('-');
        if (dash < 0) { var p = ParsePort(text); return (p, p); }
        var (a, b) = (ParsePort(text[..dash]), ParsePort(text[(dash + 1)..]));
        if (b < a) throw BerthException.Invalid($"invalid host port range: {text}");
        return (a, b);
    }

    private static int ParsePort(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 65535
            ? p : throw BerthException.Invalid($"invalid host port: {text}");

    public void Dispose() => _socket.Dispose();
}
