using Berth.Engine.Networking.Dns;
using Berth.Engine.Runtime;

namespace Berth.Engine.Containers;

/// <summary>
/// The per-container /etc/hostname, /etc/hosts and /etc/resolv.conf that are bind-mounted into the
/// container, written as Docker writes them.
/// </summary>
public static class ContainerFiles
{
    /// <summary>
    /// Writes the three files; <paramref name="ownAddress"/> (known at start) gets the container's
    /// hostname in /etc/hosts, and "host-gateway" in --add-host becomes <paramref name="hostGateway"/>.
    /// <paramref name="embeddedDns"/>: the container is on a user-defined network, so its
    /// resolv.conf names the embedded server.
    /// </summary>
    /// Returns the resolv.conf written, with the upstreams the embedded server is to forward to.
    public static ContainerResolvConf Write(Container container, ContainerPaths paths, string? ownAddress = null, string hostGateway = "", bool embeddedDns = false)
    {
        var hostname = container.Config.Hostname;
        var hostMode = container.HostConfig.NetworkMode == "host";
        File.WriteAllText(paths.HostnameFile, hostname + "\n");
        if (hostMode)
        {
            File.Copy("/etc/hosts", paths.HostsFile, overwrite: true);
        }
        else
        {
            var hosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";
            foreach (var extra in container.HostConfig.ExtraHosts ?? [])
            {
                var sep = extra.IndexOf(':');
                if (sep <= 0) continue;
                var address = extra[(sep + 1)..];
                if (address == "host-gateway") address = hostGateway;
                hosts += $"{address}\t{extra[..sep]}\n";
            }
            if (!string.IsNullOrEmpty(ownAddress))
                hosts += $"{ownAddress}\t{hostname}{(string.IsNullOrEmpty(container.Config.Domainname) ? "" : $" {hostname}.{container.Config.Domainname}")}\n";
            File.WriteAllText(paths.HostsFile, hosts);
        }
        return WriteResolvConf(container, paths, embeddedDns);
    }

    /// <summary>
    /// Rewrites resolv.conf in place (same inode, so the bind mount inside a running container sees
    /// it): a container connected to its first user-defined network switches to the embedded DNS.
    /// </summary>
    public static ContainerResolvConf WriteResolvConf(Container container, ContainerPaths paths, bool embeddedDns)
    {
        var resolv = ResolvConfOf(container, embeddedDns);
        File.WriteAllText(paths.ResolvConfFile, resolv.Content);
        return resolv;
    }

    /// <summary>
    /// The container's resolv.conf from the host's, with its --dns, --dns-search and --dns-option;
    /// with the embedded server, also the upstreams it forwards to.
    /// </summary>
    public static ContainerResolvConf ResolvConfOf(Container container, bool embeddedDns)
    {
        var hostConfig = container.HostConfig;
        var mode = embeddedDns ? ResolvConfMode.EmbeddedDns
            : hostConfig.NetworkMode is "host" or "none" ? ResolvConfMode.HostFile
            : ResolvConfMode.Legacy;
        return ResolvConf.LoadHost().ForContainer(mode, hostConfig.Dns, hostConfig.DnsSearch, hostConfig.DnsOptions);
    }
}
