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
    /// </summary>
    public static void Write(Container container, ContainerPaths paths, string? ownAddress = null, string hostGateway = "")
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
        File.WriteAllText(paths.ResolvConfFile, ResolvConf(hostMode));
    }

    /// <summary>The host's resolv.conf; without the host's network, loopback resolvers cannot work and are dropped.</summary>
    private static string ResolvConf(bool hostMode)
    {
        string text;
        try { text = File.ReadAllText("/etc/resolv.conf"); }
        catch (IOException) { text = ""; }
        if (hostMode) return text;
        var lines = text.Split('\n').Where(l => !IsLoopbackNameserver(l)).ToList();
        if (!lines.Any(l => l.TrimStart().StartsWith("nameserver", StringComparison.Ordinal)))
            lines.AddRange(["nameserver 8.8.8.8", "nameserver 8.8.4.4"]);
        return string.Join('\n', lines).TrimEnd('\n') + "\n";
    }

    private static bool IsLoopbackNameserver(string line)
    {
        var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && parts[0] == "nameserver" && (parts[1].StartsWith("127.", StringComparison.Ordinal) || parts[1] == "::1");
    }
}
