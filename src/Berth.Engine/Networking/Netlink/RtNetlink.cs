using System.Buffers.Binary;

namespace Berth.Engine.Networking.Netlink;

/// <summary>The rtnetlink requests berth needs: bridges, veth pairs, addresses, routes, link state.</summary>
public static class RtNetlink
{
    private const ushort RTM_NEWLINK = 16, RTM_DELLINK = 17, RTM_GETLINK = 18, RTM_NEWADDR = 20, RTM_NEWROUTE = 24;
    private const ushort IFLA_ADDRESS = 1, IFLA_IFNAME = 3, IFLA_MTU = 4, IFLA_MASTER = 10, IFLA_LINKINFO = 18, IFLA_NET_NS_FD = 28;
    private const ushort IFLA_INFO_KIND = 1, IFLA_INFO_DATA = 2, VETH_INFO_PEER = 1;
    private const ushort IFA_ADDRESS = 1, IFA_LOCAL = 2, IFA_BROADCAST = 4;
    private const ushort RTA_OIF = 4, RTA_GATEWAY = 5;
    private const byte AF_INET = 2, RT_TABLE_MAIN = 254, RTPROT_BOOT = 3, RT_SCOPE_UNIVERSE = 0, RTN_UNICAST = 1;
    public const uint IFF_UP = 1;
    private const int ENODEV = 19, EEXIST = 17;
    private const ushort Create = NetlinkMessage.NLM_F_ACK | NetlinkMessage.NLM_F_CREATE | NetlinkMessage.NLM_F_EXCL;

    /// <summary>The interface index of <paramref name="name"/>, or 0 when there is none.</summary>
    public static int LinkIndex(NetlinkSocket s, string name)
    {
        var index = 0;
        var m = new NetlinkMessage(RTM_GETLINK, NetlinkMessage.NLM_F_ACK).IfInfo().Attr(IFLA_IFNAME, name);
        s.Execute(m, $"find link {name}", (type, payload) =>
        {
            if (type == RTM_NEWLINK && payload.Length >= 16) index = BinaryPrimitives.ReadInt32LittleEndian(payload[4..]);
        }, ENODEV);
        return index;
    }

    /// <summary>Creates a bridge, up; returns false when one of that name already exists.</summary>
    public static bool CreateBridge(NetlinkSocket s, string name, int mtu)
    {
        var m = new NetlinkMessage(RTM_NEWLINK, Create).IfInfo(flags: IFF_UP, change: IFF_UP).Attr(IFLA_IFNAME, name);
        if (mtu > 0) m.Attr(IFLA_MTU, (uint)mtu);
        var info = m.BeginNest(IFLA_LINKINFO);
        m.Attr(IFLA_INFO_KIND, "bridge");
        m.EndNest(info);
        return s.Execute(m, $"create bridge {name}", null, EEXIST) == 0;
    }

    public static void SetUp(NetlinkSocket s, int index, string what) =>
        s.Execute(new NetlinkMessage(RTM_NEWLINK, NetlinkMessage.NLM_F_ACK).IfInfo(index, IFF_UP, IFF_UP), what);

    /// <summary>Deletes a link by name; false when it did not exist.</summary>
    public static bool DeleteLink(NetlinkSocket s, string name) =>
        s.Execute(new NetlinkMessage(RTM_DELLINK, NetlinkMessage.NLM_F_ACK).IfInfo().Attr(IFLA_IFNAME, name), $"delete link {name}", null, ENODEV) == 0;

    /// <summary>Adds an IPv4 address; an address already there is fine.</summary>
    public static void AddAddress(NetlinkSocket s, int index, uint address, int prefixLength, string what)
    {
        var broadcast = address | (prefixLength == 32 ? 0 : uint.MaxValue >> prefixLength);
        var m = new NetlinkMessage(RTM_NEWADDR, Create).IfAddr(AF_INET, (byte)prefixLength, index)
            .AttrIPv4(IFA_LOCAL, address).AttrIPv4(IFA_ADDRESS, address).AttrIPv4(IFA_BROADCAST, broadcast);
        s.Execute(m, what, null, EEXIST);
    }

    /// <summary>
    /// One request makes both ends: <paramref name="hostName"/> up and enslaved to the bridge, and the
    /// peer, named <paramref name="peerName"/> with <paramref name="peerMac"/>, inside the namespace
    /// <paramref name="netnsFd"/> refers to.
    /// </summary>
    public static void CreateVeth(NetlinkSocket s, string hostName, int bridgeIndex, string peerName, ReadOnlySpan<byte> peerMac, int netnsFd, int mtu)
    {
        var m = new NetlinkMessage(RTM_NEWLINK, Create).IfInfo(flags: IFF_UP, change: IFF_UP)
            .Attr(IFLA_IFNAME, hostName).Attr(IFLA_MASTER, (uint)bridgeIndex);
        if (mtu > 0) m.Attr(IFLA_MTU, (uint)mtu);
        var info = m.BeginNest(IFLA_LINKINFO);
        m.Attr(IFLA_INFO_KIND, "veth");
        var data = m.BeginNest(IFLA_INFO_DATA);
        var peer = m.BeginRaw(VETH_INFO_PEER);
        // The peer cannot be brought up in this request (veth_open fails with ENOTCONN until both
        // ends are paired): it is set up from inside its namespace.
        m.IfInfo().Attr(IFLA_IFNAME, peerName).Attr(IFLA_ADDRESS, peerMac).Attr(IFLA_NET_NS_FD, (uint)netnsFd);
        if (mtu > 0) m.Attr(IFLA_MTU, (uint)mtu);
        m.EndNest(peer).EndNest(data).EndNest(info);
        s.Execute(m, $"create veth {hostName}");
    }

    public static void AddDefaultRoute(NetlinkSocket s, uint gateway, int index)
    {
        var m = new NetlinkMessage(RTM_NEWROUTE, Create).RtMsg(AF_INET, 0, RT_TABLE_MAIN, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNICAST)
            .AttrIPv4(RTA_GATEWAY, gateway).Attr(RTA_OIF, (uint)index);
        s.Execute(m, "add default route", null, EEXIST);
    }
}
