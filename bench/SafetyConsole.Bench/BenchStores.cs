using SafetyConsole.Data.Store;

namespace SafetyConsole.Bench;

/// <summary>
/// One backend as the `postgres` benchmark uses it: a store made once (a template) and copied for every run, named
/// by what `--db` and <see cref="SafetyDb.Open"/> take (a file path, or a PostgreSQL connection string).
/// </summary>
internal abstract class BenchStore
{
    public abstract string Backend { get; }

    /// <summary>Creates a store, fills it with <paramref name="fill"/>, and returns a name to pass to <see cref="Copy"/>.</summary>
    public string Template(string account, Action<SafetyDb> fill)
    {
        var db = NewEmpty();
        using (var store = SafetyDb.Open(db, account, create: true)) fill(store);
        return db;
    }

    /// <summary>An empty place for <see cref="SafetyDb.Open"/> to create a store in.</summary>
    protected abstract string NewEmpty();

    /// <summary>A new store holding what <paramref name="template"/> holds.</summary>
    public abstract string Copy(string template);

    public abstract void Delete(string db);
}

internal sealed class SqliteBenchStore(string folder) : BenchStore
{
    public override string Backend => "SQLite";

    protected override string NewEmpty() => Path.Combine(folder, Guid.NewGuid().ToString("N") + ".db");

    public override string Copy(string template)
    {
        var path = NewEmpty();
        File.Copy(template, path);
        return path;
    }

    public override void Delete(string db)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { db, db + "-wal", db + "-shm" }) File.Delete(f);
    }
}

internal sealed class PgBenchStore(PgBenchServer server) : BenchStore
{
    public override string Backend => "PostgreSQL";

    protected override string NewEmpty() => server.NewDatabase();

    public override string Copy(string template) => server.NewDatabase(template);

    public override void Delete(string db) => server.Drop(db);
}
