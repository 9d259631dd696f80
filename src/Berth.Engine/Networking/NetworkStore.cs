using System.Text.Json;
using Berth.Engine.Errors;
using Berth.Engine.Json;
using Berth.Engine.Metadata;

namespace Berth.Engine.Networking;

/// <summary>Network records, in memory and one JSON row each in SQLite; names are unique.</summary>
public sealed class NetworkStore
{
    private readonly MetadataStore _db;
    private readonly Dictionary<string, Network> _byId = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public NetworkStore(MetadataStore db)
    {
        _db = db;
        foreach (var json in db.ReadStrings("SELECT record FROM networks"))
        {
            var n = JsonSerializer.Deserialize(json, EngineJson.Default.Network)!;
            _byId[n.Id] = n;
        }
    }

    public IReadOnlyList<Network> List()
    {
        lock (_lock) return _byId.Values.OrderBy(n => n.Created).ToList();
    }

    /// <summary>Docker's lookup: full ID, exact name, then a unique ID prefix.</summary>
    public Network? TryResolve(string idOrName)
    {
        if (string.IsNullOrEmpty(idOrName)) return null;
        lock (_lock)
        {
            if (_byId.TryGetValue(idOrName, out var byId)) return byId;
            foreach (var n in _byId.Values) if (n.Name == idOrName) return n;
            Network? found = null;
            foreach (var n in _byId.Values)
            {
                if (!n.Id.StartsWith(idOrName, StringComparison.Ordinal)) continue;
                if (found is not null) throw BerthException.Invalid($"network {idOrName} is ambiguous (2 matches found based on ID prefix)");
                found = n;
            }
            return found;
        }
    }

    public void Add(Network network)
    {
        lock (_lock)
        {
            if (_byId.Values.Any(n => n.Name == network.Name))
                throw BerthException.Conflict($"network with name {network.Name} already exists");
            var json = JsonSerializer.Serialize(network, EngineJson.Default.Network);
            _db.Write((c, tx) => MetadataStore.Execute(c, tx, "INSERT INTO networks(id, name, record) VALUES($i, $n, $r)",
                ("$i", network.Id), ("$n", network.Name), ("$r", json)));
            _byId[network.Id] = network;
        }
    }

    public void Save(Network network)
    {
        lock (_lock)
        {
            var json = JsonSerializer.Serialize(network, EngineJson.Default.Network);
            _db.Write((c, tx) => MetadataStore.Execute(c, tx, "UPDATE networks SET record=$r WHERE id=$i", ("$i", network.Id), ("$r", json)));
        }
    }

    public void Remove(Network network)
    {
        lock (_lock)
        {
            _db.Write((c, tx) => MetadataStore.Execute(c, tx, "DELETE FROM networks WHERE id=$i", ("$i", network.Id)));
            _byId.Remove(network.Id);
        }
    }
}
