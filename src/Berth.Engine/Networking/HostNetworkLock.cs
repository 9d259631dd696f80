using Berth.Engine.Native;

namespace Berth.Engine.Networking;

/// <summary>
/// A host-wide lock (flock on /run/berth-network.lock) held while a subnet is chosen and its bridge
/// gets its address: two daemons on one host (a user's and the tests') never pick the same subnet.
/// A raw fd, not a FileStream: .NET takes its own flock on FileStreams, which would clash.
/// </summary>
public sealed class HostNetworkLock : IDisposable
{
    private const string LockPath = "/run/berth-network.lock";
    private readonly int _fd;

    private HostNetworkLock(int fd) => _fd = fd;

    public static HostNetworkLock Acquire()
    {
        var fd = Libc.Open(LockPath, Libc.O_RDONLY | Libc.O_CREAT | Libc.O_CLOEXEC, 0b110_100_100);
        if (fd < 0) throw Libc.Error($"open {LockPath}");
        while (Libc.Flock(fd, Libc.LOCK_EX) != 0)
        {
            if (Libc.LastErrno == Libc.EINTR) continue;
            var error = Libc.Error($"flock {LockPath}");
            Libc.Close(fd);
            throw error;
        }
        return new HostNetworkLock(fd);
    }

    public void Dispose() => Libc.Close(_fd);
}
