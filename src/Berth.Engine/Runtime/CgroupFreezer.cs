namespace Berth.Engine.Runtime;

/// <summary>
/// Freezes a container's cgroup for the length of an operation (commit's --pause) and thaws it on
/// dispose: cgroup.freeze on cgroup v2, the freezer controller's freezer.state on v1. A cgroup that
/// cannot be found is not frozen; the operation then runs against the live container.
/// </summary>
public sealed class CgroupFreezer : IDisposable
{
    private const string CgroupRoot = "/sys/fs/cgroup";
    private readonly string? _v2File;
    private readonly string? _v1File;

    private CgroupFreezer(string? v2File, string? v1File)
    {
        _v2File = v2File;
        _v1File = v1File;
    }

    /// <param name="cgroupPath">The container's cgroupsPath, e.g. "/berth/&lt;id&gt;".</param>
    public static async Task<CgroupFreezer> FreezeAsync(string cgroupPath, CancellationToken ct)
    {
        var relative = cgroupPath.TrimStart('/');
        var v2 = Path.Combine(CgroupRoot, relative, "cgroup.freeze");
        var v1 = Path.Combine(CgroupRoot, "freezer", relative, "freezer.state");
        if (File.Exists(v2))
        {
            await File.WriteAllTextAsync(v2, "1", ct).ConfigureAwait(false);
            var events = Path.Combine(CgroupRoot, relative, "cgroup.events");
            await WaitForAsync(() => File.ReadAllText(events).Contains("frozen 1", StringComparison.Ordinal), ct).ConfigureAwait(false);
            return new CgroupFreezer(v2, null);
        }
        if (File.Exists(v1))
        {
            await File.WriteAllTextAsync(v1, "FROZEN", ct).ConfigureAwait(false);
            await WaitForAsync(() => File.ReadAllText(v1).Trim() == "FROZEN", ct).ConfigureAwait(false);
            return new CgroupFreezer(null, v1);
        }
        return new CgroupFreezer(null, null);
    }

    private static async Task WaitForAsync(Func<bool> frozen, CancellationToken ct)
    {
        for (var i = 0; i < 200 && !frozen(); i++) await Task.Delay(5, ct).ConfigureAwait(false);
    }

    public void Dispose()
    {
        try
        {
            if (_v2File is not null) File.WriteAllText(_v2File, "0");
            if (_v1File is not null) File.WriteAllText(_v1File, "THAWED");
        }
        catch (IOException) { } // the container went away while frozen
    }
}
