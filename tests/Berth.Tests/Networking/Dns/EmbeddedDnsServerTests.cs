using System.Net;
using System.Net.Sockets;
using Berth.Engine.Networking.Dns;
using Xunit;

namespace Berth.Tests.Networking.Dns;

/// <summary>The server on real sockets on the host's loopback, with real sockets as upstream servers.</summary>
public sealed class EmbeddedDnsServerTests : IDisposable
{
    /// <summary>Only bounds a test that would otherwise hang; no test waits for it to pass.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static readonly byte[] UpstreamAddress = [93, 184, 216, 34];

    private readonly TestResolver _resolver = new();
    private readonly List<IDisposable> _cleanup = [];

    public EmbeddedDnsServerTests()
    {
        _resolver.Names["web"] = [IPAddress.Parse("172.18.0.2")];
    }

    public void Dispose()
    {
        foreach (var d in _cleanup) d.Dispose();
    }

    private (IPEndPoint Endpoint, IDisposable Serving) Serve(IReadOnlyList<IPEndPoint> upstreams, TimeSpan? upstreamTimeout = null)
    {
        var (udp, tcp) = BindPair();
        var server = new EmbeddedDnsServer(new DnsServerOptions { UpstreamTimeout = upstreamTimeout ?? Patience });
        var serving = server.Serve(udp, tcp, _resolver, upstreams);
        _cleanup.Add(serving);
        return ((IPEndPoint)udp.LocalEndPoint!, serving);
    }

    /// <summary>A UDP and a TCP socket bound to the same loopback address and port, as the lead's 127.0.0.11:53.</summary>
    private static (Socket Udp, Socket Tcp) BindPair()
    {
        for (var attempt = 0; ; attempt++)
        {
            var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                tcp.Bind(udp.LocalEndPoint!);
                return (udp, tcp);
            }
            catch (SocketException) when (attempt < 10)
            {
                udp.Dispose();
                tcp.Dispose();
            }
        }
    }

    private static async Task<DnsReply> AskUdpAsync(IPEndPoint server, byte[] query)
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Connect(server);
        await client.SendAsync(query);
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(Patience);
        var n = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return DnsReply.Read(buffer[..n]);
    }

    private static async Task<DnsReply> AskTcpAsync(IPEndPoint server, byte[] query)
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(Patience);
        await client.ConnectAsync(server, timeout.Token);
        await DnsTcpFraming.WriteMessageAsync(client, query, timeout.Token);
        var reply = await DnsTcpFraming.ReadMessageAsync(client, timeout.Token);
        return DnsReply.Read(reply!);
    }

    /// <summary>An upstream on UDP that answers every query with <paramref name="answer"/>, or stays silent.</summary>
    private IPEndPoint UdpUpstream(Func<byte[], byte[]?> answer, List<byte[]>? seen = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _cleanup.Add(socket);
        _ = Task.Run(async () =>
        {
            var buffer = new byte[4096];
            try
            {
                while (true)
                {
                    var r = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0));
                    var query = buffer[..r.ReceivedBytes];
                    if (seen is not null) lock (seen) seen.Add(query);
                    if (answer(query) is { } reply) await socket.SendToAsync(reply, SocketFlags.None, r.RemoteEndPoint);
                }
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException or OperationCanceledException)
            {
            }
        });
        return (IPEndPoint)socket.LocalEndPoint!;
    }

    [Fact]
    public async Task A_container_name_is_answered_over_udp()
    {
        var (server, _) = Serve([]);

        var reply = await AskUdpAsync(server, DnsPackets.Query(0x0101, "web"));

        Assert.Equal(0x0101, reply.Id);
        Assert.Equal([172, 18, 0, 2], Assert.Single(reply.Answers).Data);
    }

    [Fact]
    public async Task A_container_name_is_answered_over_tcp()
    {
        var (server, _) = Serve([]);

        var reply = await AskTcpAsync(server, DnsPackets.Query(0x0202, "web"));

        Assert.Equal(0x0202, reply.Id);
        Assert.Equal([172, 18, 0, 2], Assert.Single(reply.Answers).Data);
    }

    [Fact]
    public async Task An_unknown_name_is_forwarded_and_the_upstream_reply_returns_with_the_client_id()
    {
        var seen = new List<byte[]>();
        var upstream = UdpUpstream(q => DnsPackets.UpstreamReply(q, UpstreamAddress), seen);
        var (server, _) = Serve([upstream]);
        var query = DnsPackets.Query(0xABCD, "example.com");

        var reply = await AskUdpAsync(server, query);

        Assert.Equal(0xABCD, reply.Id);
        Assert.Equal(UpstreamAddress, Assert.Single(reply.Answers).Data);
        // The upstream got the query as sent but for the ID, and its reply is passed on unchanged (TTL 42).
        Assert.Equal(query[2..], Assert.Single(seen)[2..]);
        Assert.Equal(42u, reply.Answers[0].Ttl);
    }

    [Fact]
    public async Task A_silent_upstream_is_skipped_for_the_next()
    {
        var silent = UdpUpstream(_ => null);
        var answering = UdpUpstream(q => DnsPackets.UpstreamReply(q, UpstreamAddress));
        var (server, _) = Serve([silent, answering], upstreamTimeout: TimeSpan.FromMilliseconds(300));

        var reply = await AskUdpAsync(server, DnsPackets.Query(3, "example.com"));

        Assert.Equal(UpstreamAddress, Assert.Single(reply.Answers).Data);
    }

    [Fact]
    public async Task An_upstream_answering_servfail_is_skipped_for_the_next()
    {
        var failing = UdpUpstream(q => DnsPackets.UpstreamReply(q, [0, 0, 0, 0], rcode: 2));
        var answering = UdpUpstream(q => DnsPackets.UpstreamReply(q, UpstreamAddress));
        var (server, _) = Serve([failing, answering]);

        var reply = await AskUdpAsync(server, DnsPackets.Query(3, "example.com"));

        Assert.Equal(0, reply.ResponseCode);
        Assert.Equal(UpstreamAddress, Assert.Single(reply.Answers).Data);
    }

    [Fact]
    public async Task A_reply_with_the_wrong_id_is_not_taken()
    {
        var spoofing = UdpUpstream(q =>
        {
            var reply = DnsPackets.UpstreamReply(q, [6, 6, 6, 6]);
            reply[0] ^= 0xFF;
            return reply;
        });
        var (server, _) = Serve([spoofing], upstreamTimeout: TimeSpan.FromMilliseconds(300));

        var reply = await AskUdpAsync(server, DnsPackets.Query(3, "example.com"));

        Assert.Equal(2, reply.ResponseCode);
    }

    [Fact]
    public async Task Servfail_when_every_upstream_is_silent()
    {
        var (server, _) = Serve([UdpUpstream(_ => null), UdpUpstream(_ => null)], upstreamTimeout: TimeSpan.FromMilliseconds(200));

        var reply = await AskUdpAsync(server, DnsPackets.Query(0x5151, "example.com"));

        Assert.Equal(0x5151, reply.Id);
        Assert.Equal(2, reply.ResponseCode);
        Assert.Equal(1, reply.QuestionType);
    }

    [Fact]
    public async Task Servfail_without_upstreams()
    {
        var (server, _) = Serve([]);

        Assert.Equal(2, (await AskUdpAsync(server, DnsPackets.Query(1, "example.com"))).ResponseCode);
    }

    [Fact]
    public async Task Over_tcp_the_query_is_forwarded_over_tcp()
    {
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        upstream.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        upstream.Listen();
        var upstreamServes = Task.Run(async () =>
        {
            using var connection = await upstream.AcceptAsync();
            var query = await DnsTcpFraming.ReadMessageAsync(connection, default);
            await DnsTcpFraming.WriteMessageAsync(connection, DnsPackets.UpstreamReply(query!, UpstreamAddress), default);
        });
        var (server, _) = Serve([(IPEndPoint)upstream.LocalEndPoint!]);

        var reply = await AskTcpAsync(server, DnsPackets.Query(0x7777, "example.com"));

        Assert.Equal(0x7777, reply.Id);
        Assert.Equal(UpstreamAddress, Assert.Single(reply.Answers).Data);
        await upstreamServes.WaitAsync(Patience);
    }

    [Fact]
    public async Task Garbage_oversized_datagrams_and_responses_get_no_reply_and_do_not_stop_the_server()
    {
        var (server, _) = Serve([]);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Connect(server);
        await client.SendAsync(new byte[] { 1, 2, 3 });
        // A valid query padded past any query's size: the server must not answer its first part.
        await client.SendAsync(DnsPackets.Query(0x0BAD, "web").Concat(new byte[9000]).ToArray());
        await client.SendAsync(DnsPackets.Query(0x0BAD, "web", flags: 0x8000));
        await client.SendAsync(DnsPackets.Query(0x0909, "web"));

        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(Patience);
        var n = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);

        var reply = DnsReply.Read(buffer[..n]);
        Assert.Equal(0x0909, reply.Id);
        Assert.Single(reply.Answers);
    }

    [Fact]
    public async Task A_resolver_that_throws_does_not_stop_the_server()
    {
        var (server, _) = Serve([]);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Connect(server);
        await client.SendAsync(DnsPackets.Query(1, "explodes"));

        var reply = await AskUdpAsync(server, DnsPackets.Query(0x0A0A, "web"));

        Assert.Equal(0x0A0A, reply.Id);
    }

    [Fact]
    public async Task Several_queries_share_one_tcp_connection()
    {
        var (server, _) = Serve([]);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(Patience);
        await client.ConnectAsync(server, timeout.Token);

        foreach (ushort id in new ushort[] { 1, 2, 3 })
        {
            await DnsTcpFraming.WriteMessageAsync(client, DnsPackets.Query(id, "web"), timeout.Token);
            Assert.Equal(id, DnsReply.Read((await DnsTcpFraming.ReadMessageAsync(client, timeout.Token))!).Id);
        }
    }

    [Fact]
    public async Task Dispose_closes_the_sockets_and_connections_at_once()
    {
        var (server, serving) = Serve([]);
        using var connection = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(Patience);
        await connection.ConnectAsync(server, timeout.Token);
        await AskTcpAsync(server, DnsPackets.Query(1, "web"));

        serving.Dispose();

        // The open connection sees the end of the stream, and the address is free again: nothing
        // of the server holds a socket (in a container, its network namespace) open.
        Assert.Equal(0, await connection.ReceiveAsync(new byte[2], SocketFlags.None, timeout.Token));
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(server);
        using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        tcp.Bind(server);
    }

    [Fact]
    public async Task Dispose_ends_pending_forwards_without_waiting_for_the_upstream()
    {
        var seen = new List<byte[]>();
        var silent = UdpUpstream(_ => null, seen);
        var (server, serving) = Serve([silent]);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Connect(server);
        await client.SendAsync(DnsPackets.Query(1, "example.com"));
        await WaitUntilAsync(() => { lock (seen) return seen.Count == 1; });

        serving.Dispose();

        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(server);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition()) await Task.Delay(10, timeout.Token);
    }
}
