using Berth.Cli.Client;
using Berth.Cli.Options;

namespace Berth.Cli.Commands;

/// <summary>POST …/prune with the --filter flags as Docker's filters JSON (container and network prune).</summary>
internal static class PruneRequest
{
    public static ApiRequest Build(string path, IReadOnlyList<string> filterFlags)
    {
        FilterArgs filters;
        try { filters = FilterArgs.Parse(filterFlags); }
        catch (FormatException ex) { throw ContainerCreateMapper.FlagError(filterFlags.First(f => !f.Contains('=')), "--filter", ex.Message); }
        var query = new QueryBuilder();
        if (filters.Count > 0) query.Add("filters", filters.ToJson());
        return ApiRequest.Post(path) with { Query = query.Build() };
    }
}
