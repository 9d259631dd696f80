using Microsoft.Data.Sqlite;

namespace Berth.Engine.Metadata;

/// <summary>
/// The SQLite (WAL) database holding every record: layers, images, tags, containers. One connection,
/// serialised by a lock: SQLite has one writer anyway and the engine keeps parsed records in memory,
/// so the database is written to, and read only at start-up.
/// Every change runs in a transaction, so a crash never leaves half a record.
/// </summary>
public sealed class MetadataStore : IDisposable
{
    private const int SchemaVersion = 2;
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    public MetadataStore(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        _connection.Open();
        Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;");
        Migrate();
    }

    private void Migrate()
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "PRAGMA user_version";
        var version = Convert.ToInt32(cmd.ExecuteScalar());
        if (version >= SchemaVersion) return;
        Write((c, tx) =>
        {
            using var create = c.CreateCommand();
            create.Transaction = tx;
            create.CommandText = """
                CREATE TABLE IF NOT EXISTS layers(
                    chain_id TEXT PRIMARY KEY, diff_id TEXT NOT NULL, parent TEXT,
                    blob_digest TEXT NOT NULL, blob_media_type TEXT NOT NULL, blob_size INTEGER NOT NULL,
                    size INTEGER NOT NULL, link TEXT NOT NULL UNIQUE);
                CREATE TABLE IF NOT EXISTS images(
                    id TEXT PRIMARY KEY, manifest_digest TEXT, last_tag_time TEXT);
                CREATE TABLE IF NOT EXISTS tags(
                    name TEXT PRIMARY KEY, image_id TEXT NOT NULL REFERENCES images(id));
                CREATE TABLE IF NOT EXISTS containers(
                    id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, record TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS networks(
                    id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, record TEXT NOT NULL);
                PRAGMA user_version = 2;
                """;
            create.ExecuteNonQuery();
        });
    }

    private void Exec(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>Runs <paramref name="work"/> in one transaction; it commits only if work returns normally.</summary>
    public void Write(Action<SqliteConnection, SqliteTransaction> work)
    {
        lock (_lock)
        {
            using var tx = _connection.BeginTransaction();
            work(_connection, tx);
            tx.Commit();
        }
    }

    public T Read<T>(Func<SqliteConnection, T> query)
    {
        lock (_lock) return query(_connection);
    }

    /// <summary>The first column of every row a query returns (the stores' JSON records at start-up).</summary>
    public List<string> ReadStrings(string sql) => Read(c =>
    {
        var list = new List<string>();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        while (r.Read()) list.Add(r.GetString(0));
        return list;
    });

    /// <summary>Runs a parameterised statement inside a transaction (small helper for the stores).</summary>
    public static void Execute(SqliteConnection c, SqliteTransaction tx, string sql, params (string Name, object? Value)[] args)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        lock (_lock) _connection.Dispose();
    }
}
