using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Containers;

/// <summary>
/// A berthd with one exited container, "paced", that printed "line 1" … "line 3" on stdout and
/// "err 1" … "err 3" on stderr a second apart: something for the time filters of `logs` to cut.
/// </summary>
public sealed class PacedLogsFixture : IAsyncLifetime
{
    private readonly DaemonFixture _daemon = new();

    public BerthDaemon Daemon => _daemon.Daemon;

    public async Task InitializeAsync()
    {
        await _daemon.InitializeAsync();
        await Daemon.BerthOk("run", "--name", "paced", "busybox", "sh", "-c",
            "for i in 1 2 3; do echo line $i; echo err $i >&2; [ $i = 3 ] || sleep 1; done");
    }

    public Task DisposeAsync() => _daemon.DisposeAsync();
}
