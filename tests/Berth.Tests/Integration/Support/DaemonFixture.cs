using Xunit;

namespace Berth.Tests.Integration.Support;

/// <summary>One berthd per test class, with busybox:latest imported (as setup.sh does).</summary>
public sealed class DaemonFixture : IAsyncLifetime
{
    public BerthDaemon Daemon { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Daemon = await BerthDaemon.StartAsync();
        var r = await Daemon.BerthWithInput(TestImages.BusyboxTar, "import", "-c", "CMD [\"sh\"]", "-", "busybox:latest");
        if (r.ExitCode != 0) throw new InvalidOperationException($"importing busybox failed: {r}\n{Daemon.Log}");
    }

    public async Task DisposeAsync() => await Daemon.DisposeAsync();
}
