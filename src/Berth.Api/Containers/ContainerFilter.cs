using System.Text.RegularExpressions;
using Berth.Api.Infrastructure;
using Berth.Engine;
using Berth.Engine.Containers;
using Berth.Engine.Errors;

namespace Berth.Api.Containers;

/// <summary>GET /containers/json's `all`, `limit` and `filters` (status, name, label, id, ancestor, exited, before, since, network, publish, expose).</summary>
public static class ContainerFilter
{
    private static readonly string[] Statuses = ["created", "restarting", "running", "removing", "paused", "exited", "dead"];

    public static List<Container> Apply(BerthEngine engine, bool all, int? limit, Filters filters)
    {
        filters.Validate("status", "name", "label", "id", "ancestor", "exited", "before", "since", "network", "volume", "health", "isolation", "is-task", "publish", "expose");
        foreach (var s in filters.Get("status"))
            if (!Statuses.Contains(s)) throw BerthException.Invalid($"invalid filter 'status={s}'");
        var exitCodes = filters.Get("exited").Select(e => int.TryParse(e, out var n) ? n : throw BerthException.Invalid($"invalid filter 'exited={e}'")).ToList();
        var ancestors = filters.Get("ancestor").Select(a => engine.Images.TryResolveQuiet(a)?.Id.ToString()).ToList();
        var before = filters.Get("before").Select(b => engine.Containers.Store.Resolve(b).Created).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        var since = filters.Get("since").Select(b => engine.Containers.Store.Resolve(b).Created).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        var published = PortFilter.Parse("publish", filters.Get("publish"));
        var exposed = PortFilter.Parse("expose", filters.Get("expose"));
        // Only a status filter widens the list to stopped containers (Docker); exited=, before= and
        // since= narrow whatever -a / -n chose.
        var showAll = all || limit is > 0 || filters.Has("status");
        var result = new List<Container>();
        foreach (var c in engine.Containers.Store.List())
        {
            if (!showAll && !c.State.IsRunning) continue;
            var status = ContainerViews.StateName(c.State.Status);
            if (filters.Has("status") && !filters.Get("status").Contains(status)) continue;
            if (filters.Has("name") && !filters.Get("name").Any(n => NameMatches(n, c.Name))) continue;
            if (filters.Has("id") && !filters.Get("id").Any(id => c.Id.StartsWith(id, StringComparison.Ordinal))) continue;
            if (!ContainerLabels.Match(c.Config.Labels, filters.Get("label"))) continue;
            if (filters.Has("ancestor") && !ancestors.Contains(c.ImageId) && !filters.Get("ancestor").Contains(c.Config.Image)) continue;
            if (exitCodes.Count > 0 && (c.State.Status != ContainerStatus.Exited || !exitCodes.Contains(c.State.ExitCode))) continue;
            if (c.Created >= before || c.Created <= since) continue;
            if (filters.Has("network") && !OnNetwork(c, engine, filters.Get("network"))) continue;
            if ((published.Count > 0 || exposed.Count > 0) && !ContainerNetworkViews.PortSummaries(c).Any(p =>
                    published.Contains($"{p.PublicPort}/{p.Type}") || exposed.Contains($"{p.PrivatePort}/{p.Type}")))
                continue;
            result.Add(c);
        }
        return limit is > 0 ? result.Take(limit.Value).ToList() : result;
    }

    /// <summary>Docker's network filter: a network name the container is attached to, or the prefix of its ID.</summary>
    private static bool OnNetwork(Container c, BerthEngine engine, IReadOnlyList<string> values)
    {
        var networks = ContainerNetworkViews.Networks(c, engine);
        return values.Any(v => networks.ContainsKey(v) || networks.Values.Any(e => e.NetworkID.StartsWith(v, StringComparison.Ordinal)));
    }

    /// <summary>Docker matches names as a regular expression against "/name" and against "name" (so "^web$" finds web).</summary>
    private static bool NameMatches(string pattern, string name) => Matches(pattern, "/" + name) || Matches(pattern, name);

    private static bool Matches(string pattern, string source)
    {
        try { return Regex.IsMatch(source, pattern); }
        catch (ArgumentException) { return source.Contains(pattern, StringComparison.Ordinal); }
    }
}
