using System.Text.Json;
using Berth.Engine.Errors;
using Berth.Engine.Json;
using Berth.Engine.Metadata;

namespace Berth.Engine.Containers;

/// <summary>
/// Container records, indexed by ID and name in memory and persisted (one JSON row each) in SQLite.
/// Names are unique: the database's UNIQUE constraint backs the in-memory check.
/// </summary>
public sealed class ContainerStore
{
    private readonly MetadataStore _db;
    private readonly Dictionary<string, Container> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Container> _byName = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public ContainerStore(MetadataStore db)
    {
        _db = db;
        foreach (var json in db.ReadStrings("SELECT record FROM containers"))
        {
            var container = JsonSerializer.Deserialize(json, EngineJson.Default.Container)!;
            _byId[container.Id] = container;
            _byName[container.Name] = container;
        }
    }

    public IReadOnlyList<Container> List()
    {
        lock (_lock) return _byId.Values.OrderByDescending(c => c.Created).ToList();
    }

    public bool NameTaken(string name)
    {
        lock (_lock) return _byName.ContainsKey(name);
    }

    /// <summary>Docker's lookup order: full ID, exact name, then a unique ID prefix.</summary>
    public Container Resolve(string idOrName) =>
        TryResolve(idOrName) ?? throw BerthException.NotFound($"No such container: {idOrName}");

    public Container? TryResolve(string idOrName)
    {
        var key = idOrName.StartsWith('/') ? idOrName[1..] : idOrName;
        lock (_lock)
        {
            if (key.Length == 0) return null;
            if (_byId.TryGetValue(key, out var byId)) return byId;
            if (_byName.TryGetValue(key, out var byName)) return byName;
            Container? found = null;
            foreach (var c in _byId.Values)
            {
                if (!c.Id.StartsWith(key, StringComparison.Ordinal)) continue;
                if (found is not null) throw BerthException.Invalid($"Multiple IDs found with provided prefix: {key}");
                found = c;
            }
            return found;
        }
    }

    public void Add(Container container)
    {
        lock (_lock)
        {
            if (_byName.TryGetValue(container.Name, out var other))
                throw BerthException.Conflict($"Conflict. The container name \"/{container.Name}\" is already in use by container \"{other.Id}\". You have to remove (or rename) that container to be able to reuse that name.");
            var json = JsonSerializer.Serialize(container, EngineJson.Default.Container);
            _db.Write((c, tx) => MetadataStore.Execute(c, tx, "INSERT INTO containers(id, name, record) VALUES($i, $n, $r)",
                ("$i", container.Id), ("$n", container.Name), ("$r", json)));
            _byId[container.Id] = container;
            _byName[container.Name] = container;
        }
    }

    /// <summary>Persists the container's current record (state changes, restart count …).</summary>
    public void Save(Container container)
    {
        lock (_lock)
        {
            if (!_byId.ContainsKey(container.Id)) return;
            var json = JsonSerializer.Serialize(container, EngineJson.Default.Container);
            _db.Write((c, tx) => MetadataStore.Execute(c, tx, "UPDATE containers SET record=$r, name=$n WHERE id=$i",
                ("$i", container.Id), ("$n", container.Name), ("$r", json)));
        }
    }

    public void Rename(Container container, string newName)
    {
        lock (_lock)
        {
            if (_byName.TryGetValue(newName, out var other) && other != container)
                throw BerthException.Conflict($"Error when allocating new name: Conflict. The container name \"/{newName}\" is already in use by container \"{other.Id}\". You have to remove (or rename) that container to be able to reuse that name.");
            var oldName = container.Name;
            container.Name = newName;
            try
            {
                var json = JsonSerializer.Serialize(container, EngineJson.Default.Container);
                _db.Write((c, tx) => MetadataStore.Execute(c, tx, "UPDATE containers SET record=$r, name=$n WHERE id=$i",
                    ("$i", container.Id), ("$n", newName), ("$r", json)));
            }
            catch
            {
                container.Name = oldName;
                throw;
            }
            _byName.Remove(oldName);
            _byName[newName] = container;
        }
    }

    public void Remove(Container container)
    {
        lock (_lock)
        {
            _db.Write((c, tx) => MetadataStore.Execute(c, tx, "DELETE FROM containers WHERE id=$i", ("$i", container.Id)));
            _byId.Remove(container.Id);
            _byName.Remove(container.Name);
        }
    }
}
