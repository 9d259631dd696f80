using System.Globalization;
using Berth.Engine.Events;

namespace Berth.Engine.Containers;

/// <summary>Container events as Docker sends them: the labels, image and name as attributes, plus the action's own.</summary>
public sealed partial class ContainerService
{
    public EventBus Events { get; }

    private void Emit(Container c, string action, params (string Key, string Value)[] extra)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in c.Config.Labels ?? []) attributes[k] = v;
        attributes["image"] = c.Config.Image ?? c.ImageId;
        attributes["name"] = c.Name;
        foreach (var (k, v) in extra) attributes[k] = v;
        Events.Publish("container", action, c.Id, attributes);
    }

    private void EmitDie(Container c, int exitCode)
    {
        var ran = (c.State.FinishedAt ?? DateTimeOffset.UtcNow) - (c.State.StartedAt ?? DateTimeOffset.UtcNow);
        Emit(c, "die", ("exitCode", exitCode.ToString(CultureInfo.InvariantCulture)),
            ("execDuration", ((long)ran.TotalSeconds).ToString(CultureInfo.InvariantCulture)));
    }

    public async Task StopAsync(Container c, int? timeoutSeconds, string? signal, CancellationToken ct)
    {
        await StopUntilExitedAsync(c, timeoutSeconds, signal, ct).ConfigureAwait(false);
        Emit(c, "stop");
    }

    /// <summary>`restart`: stop (if running) and start again; Docker's "restart" event follows the start.</summary>
    public async Task RestartAsync(Container c, int? timeoutSeconds, string? signal, CancellationToken ct)
    {
        if (c.State.IsRunning) await StopAsync(c, timeoutSeconds, signal, ct).ConfigureAwait(false);
        await StartAsync(c, ct).ConfigureAwait(false);
        Emit(c, "restart");
    }

    /// <summary>The docker CLI's attach (run without -d, start -a, attach).</summary>
    public void RecordAttach(Container c) => Emit(c, "attach");

    /// <summary>An attach left with the detach keys.</summary>
    public void RecordDetach(Container c) => Emit(c, "detach");
}
