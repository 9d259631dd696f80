using Berth.Protocol.Containers;

namespace Berth.Engine.Containers;

/// <summary>
/// Fills a container's config from its image's as Docker does at create: the command, entrypoint,
/// working dir, user and stop signal default to the image's; Env, labels, exposed ports and volumes
/// are merged with the container's own values winning.
/// </summary>
public static class ContainerConfigMerger
{
    public static void Merge(ContainerConfig config, ContainerConfig? image)
    {
        if (image is not null) MergeImage(config, image);
        // `--entrypoint ""` arrives as [""]: it clears the entrypoint (and, above, kept the image's CMD out).
        if (config.Entrypoint is [""]) config.Entrypoint = null;
    }

    private static void MergeImage(ContainerConfig config, ContainerConfig image)
    {
        if (string.IsNullOrEmpty(config.User)) config.User = image.User;
        if (string.IsNullOrEmpty(config.WorkingDir)) config.WorkingDir = image.WorkingDir;
        if (config.Entrypoint is null)
        {
            config.Entrypoint = image.Entrypoint;
            if (config.Cmd is null || config.Cmd.Count == 0) config.Cmd = image.Cmd;
        }
        // An entrypoint given at create replaces the image's and with it the image's CMD (Docker).
        config.StopSignal ??= image.StopSignal;
        config.Env = MergeEnv(image.Env, config.Env);
        if (image.Labels is { Count: > 0 })
        {
            config.Labels ??= new();
            foreach (var (k, v) in image.Labels) config.Labels.TryAdd(k, v);
        }
        if (image.ExposedPorts is { Count: > 0 })
        {
            config.ExposedPorts ??= new();
            foreach (var (k, v) in image.ExposedPorts) config.ExposedPorts.TryAdd(k, v);
        }
        if (image.Volumes is { Count: > 0 })
        {
            config.Volumes ??= new();
            foreach (var (k, v) in image.Volumes) config.Volumes.TryAdd(k, v);
        }
        config.Healthcheck ??= image.Healthcheck;
        config.Shell ??= image.Shell;
        config.OnBuild ??= image.OnBuild;
    }

    public static List<string> MergeEnv(IEnumerable<string>? baseEnv, IEnumerable<string>? overrides)
    {
        var result = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in (baseEnv ?? []).Concat(overrides ?? []))
        {
            var key = e.Split('=', 2)[0];
            if (index.TryGetValue(key, out var i)) result[i] = e;
            else { index[key] = result.Count; result.Add(e); }
        }
        return result;
    }

}
