using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests;

/// <summary>
/// A fresh database, deleted after the test: a SQLite file in its own temporary folder, or (issue 17) a PostgreSQL
/// database copied from the migrated template (<see cref="PgTestServer"/>). <see cref="FilePath"/> is what `--db` takes.
/// </summary>
public sealed class TestDb : IDisposable
{
    public const string Account = "tester";

    public TestDb(StoreBackend backend = StoreBackend.Sqlite)
    {
        Backend = backend;
        Folder = Path.Combine(Path.GetTempPath(), "safety-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = backend == StoreBackend.Postgres ? PgTestServer.NewMigratedDatabase() : Path.Combine(Folder, "safety.db");
        Db = SafetyDb.Open(FilePath, Account, create: true);
    }

    public StoreBackend Backend { get; }
    public string Folder { get; }

    /// <summary>The SQLite file's path, or the PostgreSQL connection string: what `--db` takes.</summary>
    public string FilePath { get; }
    public SafetyDb Db { get; }

    public SafetyDb OpenAnother(string account = Account) => SafetyDb.Open(FilePath, account);

    public void Dispose()
    {
        Db.Dispose();
        if (Backend == StoreBackend.Postgres) PgTestServer.Drop(FilePath);
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
