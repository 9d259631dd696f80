using Berth.Api.Infrastructure;
using Berth.Engine;
using Berth.Engine.Errors;
using Berth.Engine.Networking;

namespace Berth.Api.Networks;

/// <summary>GET /networks' filters as Docker applies them: driver, id, label, name, scope, dangling and type.</summary>
public static class NetworkFilter
{
    public static List<Network> Apply(BerthEngine engine, Filters filters)
    {
        filters.Validate("dangling", "driver", "id", "label", "name", "scope", "type");
        var result = engine.Networks.List().Where(n =>
            filters.ExactMatch("driver", n.Driver)
            && (!filters.Has("name") || filters.Match("name", n.Name))
            && (!filters.Has("id") || filters.Match("id", n.Id))
            && ContainerLabels.Match(n.Labels, filters.Get("label"))
            && filters.ExactMatch("scope", "local")).ToList();

        var dangling = filters.Get("dangling");
        if (dangling.Count > 1) throw BerthException.Invalid("got more than one value for filter key \"dangling\"");
        if (dangling.Count == 1)
        {
            var danglingOnly = dangling[0] switch
            {
                "0" or "false" => false,
                "1" or "true" => true,
                _ => throw BerthException.Invalid("invalid value for filter 'dangling', must be \"true\" (or \"1\"), or \"false\" (or \"0\")"),
            };
            // Used means a container has an endpoint on it; bridge, host and none always count as used.
            result = result.Where(n => danglingOnly == (!n.IsPredefined && engine.Networks.ActiveContainersOn(n).Count == 0)).ToList();
        }

        if (filters.Has("type"))
        {
            var typed = new List<Network>();
            foreach (var type in filters.Get("type"))
            {
                // Docker reports this one as a plain error: status 500.
                if (type is not ("custom" or "builtin")) throw BerthException.System($"invalid filter: 'type'='{type}'");
                typed.AddRange(result.Where(n => n.IsPredefined == (type == "builtin")));
            }
            result = typed;
        }
        return result;
    }

    /// <summary>POST /networks/prune's filters (until, label, label!), checked before anything is removed.</summary>
    public static Func<Network, bool> PruneFilter(Filters filters, DateTimeOffset now)
    {
        filters.Validate("until", "label", "label!");
        DateTimeOffset? until = null;
        var untilValues = filters.Get("until");
        if (untilValues.Count > 1) throw BerthException.Invalid("more than one until filter specified");
        if (untilValues.Count == 1)
        {
            try { until = Protocol.Formatting.DockerTime.Parse(untilValues[0], now); }
            catch (FormatException e) { throw BerthException.Invalid(e.Message); }
        }
        var labels = filters.Get("label");
        var notLabels = filters.Get("label!");
        // label! excludes a network only when all of its values match (Docker's MatchKVList).
        return n => (until is not { } end || n.Created <= end)
            && ContainerLabels.Match(n.Labels, labels)
            && (notLabels.Count == 0 || !ContainerLabels.Match(n.Labels, notLabels));
    }
}
