using Berth.Api.Infrastructure;
using Berth.Engine;
using Berth.Engine.Containers;
using Berth.Protocol.Containers;
using Berth.Protocol.Formatting;
using ProtocolState = Berth.Protocol.Containers.ContainerState;

namespace Berth.Api.Containers;

/// <summary>Engine containers → Docker's list and inspect JSON.</summary>
public static class ContainerViews
{
    public static string StateName(ContainerStatus s) => s.ToString().ToLowerInvariant();

    /// <summary>Docker's human status: "Up 3 seconds", "Exited (0) 2 minutes ago", "Created" …</summary>
    public static string StatusText(Container c, DateTimeOffset now) => c.State.Status switch
    {
        ContainerStatus.Running => "Up " + HumanUnits.HumanDuration(now - (c.State.StartedAt ?? now)),
        ContainerStatus.Paused => "Up " + HumanUnits.HumanDuration(now - (c.State.StartedAt ?? now)) + " (Paused)",
        ContainerStatus.Restarting => $"Restarting ({c.State.ExitCode}) {HumanUnits.HumanDuration(now - (c.State.FinishedAt ?? now))} ago",
        ContainerStatus.Exited when c.State.FinishedAt is null => "Created",
        ContainerStatus.Exited => $"Exited ({c.State.ExitCode}) {HumanUnits.HumanDuration(now - c.State.FinishedAt.Value)} ago",
        ContainerStatus.Removing => "Removal In Progress",
        ContainerStatus.Dead => "Dead",
        _ => "Created",
    };

    /// <summary>The image as ps shows it: the name it was created with while that name still means the same image.</summary>
    public static string ImageName(Container c, BerthEngine engine)
    {
        var current = engine.Images.TryResolveQuiet(c.Config.Image);
        return current is not null && current.Id.ToString() == c.ImageId ? c.Config.Image : c.ImageId;
    }

    /// <summary>Docker's list view of the command: arguments with a space in them are single-quoted.</summary>
    public static string CommandText(Container c) =>
        string.Join(' ', new[] { c.Path }.Concat(c.Args.Select(a => a.Contains(' ') ? $"'{a}'" : a)));

    public static ContainerSummary Summary(Container c, BerthEngine engine, DateTimeOffset now) => new()
    {
        Id = c.Id,
        Names = ["/" + c.Name],
        Image = ImageName(c, engine),
        ImageID = c.ImageId,
        Command = CommandText(c),
        Created = c.Created.ToUnixTimeSeconds(),
        Labels = c.Config.Labels ?? new(),
        State = StateName(c.State.Status),
        Status = StatusText(c, now),
        Ports = ContainerNetworkViews.PortSummaries(c),
        HostConfig = new SummaryHostConfig { NetworkMode = c.HostConfig.NetworkMode },
        NetworkSettings = new SummaryNetworkSettings { Networks = ContainerNetworkViews.SummaryNetworks(c, engine) },
    };

    public static ContainerInspect Inspect(Container c, BerthEngine engine)
    {
        var paths = engine.Containers.PathsOf(c);
        return new ContainerInspect
        {
            Id = c.Id,
            Created = Time.Rfc3339Nano(c.Created),
            Path = c.Path,
            Args = c.Args,
            State = new ProtocolState
            {
                Status = StateName(c.State.Status),
                // Docker counts a container waiting to be restarted as running too.
                Running = c.State.IsRunning,
                Paused = c.State.Status == ContainerStatus.Paused,
                Restarting = c.State.Status == ContainerStatus.Restarting,
                OOMKilled = c.State.OomKilled,
                Dead = c.State.Status == ContainerStatus.Dead,
                Pid = c.State.Pid,
                ExitCode = c.State.ExitCode,
                Error = c.State.Error,
                StartedAt = Time.Rfc3339Nano(c.State.StartedAt),
                FinishedAt = Time.Rfc3339Nano(c.State.FinishedAt),
            },
            Image = c.ImageId,
            ResolvConfPath = paths.ResolvConfFile,
            HostnamePath = paths.HostnameFile,
            HostsPath = paths.HostsFile,
            LogPath = paths.LogPath,
            Name = "/" + c.Name,
            RestartCount = c.RestartCount,
            ExecIDs = engine.Exec.IdsOf(c.Id),
            HostConfig = c.HostConfig,
            GraphDriver = new GraphDriverData
            {
                Data = new() { ["UpperDir"] = paths.Upper, ["WorkDir"] = paths.Work, ["MergedDir"] = paths.Rootfs },
            },
            Config = c.Config,
            NetworkSettings = ContainerNetworkViews.Settings(c, engine),
        };
    }
}
