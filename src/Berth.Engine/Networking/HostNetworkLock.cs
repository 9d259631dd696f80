using Berth.Engine.Native;

namespace Berth.Engine.Networking;

/// <summary>
/// A host-wide lock (flock on /run/berth-network.lock) held while a subnet is chosen and its bridge
/// gets its address: two daemons on one host (a user's and the tests') never pick the same subnet.
/// </summary>
public sealed class HostNetworkLock : IDisposable
{
    private const string LockPath = "/run/berth-network.lock";
    private readonly FileStream _file;

    private HostNetworkLock(FileStream file) => _file = file;

    public static HostNetworkLock Acquire()
    {
        var file = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        while (Libc.Flock(file.SafeFileHandle, Libc.LOCK_EX) != 0)
        {
            if (Libc.LastErrno != Libc.EINTR) { file.Dispose(); throw new IOException($"flock {LockPath}: errno {Libc.LastErrno}"); }
        }
        return new HostNetworkLock(file);
    }

    public void Dispose() => _file.Dispose();
}
