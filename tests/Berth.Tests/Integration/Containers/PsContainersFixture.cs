using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Containers;

/// <summary>
/// A berthd holding one container in each state a user meets in `ps`: ps-running (labels app=web,
/// tier=front), ps-exited (exited with 3, label app=batch), ps-created (never started), created in
/// that order. Nothing else in it is named "ps-…".
/// </summary>
public sealed class PsContainersFixture : IAsyncLifetime
{
    private readonly DaemonFixture _daemon = new();

    public BerthDaemon Daemon => _daemon.Daemon;
    public string RunningId { get; private set; } = "";
    public string CreatedId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await _daemon.InitializeAsync();
        RunningId = (await Daemon.BerthOk("run", "-d", "--name", "ps-running", "-l", "app=web", "-l", "tier=front", "busybox", "sleep", "300")).Trim();
        var exited = await Daemon.Berth("run", "--name", "ps-exited", "-l", "app=batch", "busybox", "sh", "-c", "exit 3");
        if (exited.ExitCode != 3) throw new InvalidOperationException($"ps-exited: {exited}");
        CreatedId = (await Daemon.BerthOk("create", "--name", "ps-created", "busybox", "echo", "two words")).Trim();
    }

    public Task DisposeAsync() => _daemon.DisposeAsync();
}
